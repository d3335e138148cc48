package vn.gov.portal.web;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.servlet.ModelAndView;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;
import vn.gov.portal.identity.CurrentUserResolver;

/**
 * Puts the logged-in user into the model of every page rendered, for the header. An interceptor rather than
 * {@code @ModelAttribute} methods of a controller advice: for those, Spring MVC built a handler object per method on
 * every request, scanning its annotations each time, redirects and downloads included (3% of the portal's CPU at
 * submissions, docs/performance.md, "Twelfth round").
 */
@Configuration
public class CommonModel implements WebMvcConfigurer, HandlerInterceptor {

    /** Whether the handler's answer is a page about to be rendered (not a redirect, a download or a stream). */
    public static boolean rendersPage(ModelAndView answer) {
        return answer != null && (answer.getViewName() == null || !answer.getViewName().startsWith("redirect:"));
    }

    @Override
    public void addInterceptors(InterceptorRegistry registry) {
        registry.addInterceptor(this);
    }

    @Override
    public void postHandle(HttpServletRequest request, HttpServletResponse response, Object handler,
                           ModelAndView answer) {
        if (!rendersPage(answer)) {
            return;
        }
        answer.addObject("currentUser", CurrentUserResolver.current());
        // Whether the header offers the administration pages (the rule itself is in SecurityConfig).
        Authentication login = SecurityContextHolder.getContext().getAuthentication();
        answer.addObject("isAdmin", login != null
                && login.getAuthorities().stream().anyMatch(a -> "ROLE_ADMIN".equals(a.getAuthority())));
    }
}
