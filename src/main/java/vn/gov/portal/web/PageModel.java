package vn.gov.portal.web;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.servlet.ModelAndView;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;
import org.springframework.web.servlet.view.RedirectView;

/**
 * Adds what the layout shows on every page (the user, the unread count) to the model of a page about to be rendered,
 * after its controller: not for redirects, downloads or streams. An interceptor rather than {@code @ModelAttribute}
 * methods, for which Spring MVC built a handler object per method on every request (docs/performance.md).
 */
public abstract class PageModel implements WebMvcConfigurer, HandlerInterceptor {

    @Override
    public void addInterceptors(InterceptorRegistry registry) {
        registry.addInterceptor(this);
    }

    @Override
    public final void postHandle(HttpServletRequest request, HttpServletResponse response, Object handler,
                                 ModelAndView answer) {
        boolean redirect = answer != null && (answer.getView() instanceof RedirectView
                || answer.getViewName() != null && answer.getViewName().startsWith("redirect:"));
        if (answer != null && !redirect) {
            addTo(answer); // a redirect would carry the attributes into its URL
        }
    }

    /** Adds this layout part's attributes to the page's model. */
    protected abstract void addTo(ModelAndView page);
}
