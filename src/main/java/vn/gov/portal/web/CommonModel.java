package vn.gov.portal.web;

import org.springframework.stereotype.Component;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.servlet.ModelAndView;
import vn.gov.portal.identity.CurrentUserResolver;

/**
 * Puts the logged-in user into every page's model, for the header. It was a controller advice with
 * {@code @ModelAttribute} methods, whose handler objects cost 3% of the portal's CPU at submissions
 * (docs/performance.md, "Twelfth round").
 */
@Component
class CommonModel extends PageModel {

    @Override
    protected void addTo(ModelAndView page) {
        page.addObject("currentUser", CurrentUserResolver.current());
        // Whether the header offers the administration pages (the rule itself is in SecurityConfig).
        Authentication login = SecurityContextHolder.getContext().getAuthentication();
        page.addObject("isAdmin", login != null
                && login.getAuthorities().stream().anyMatch(a -> "ROLE_ADMIN".equals(a.getAuthority())));
    }
}
