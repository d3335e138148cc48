package vn.gov.portal.web;

import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ModelAttribute;
import vn.gov.portal.identity.CurrentUserResolver;
import vn.gov.portal.identity.PortalUser;

/** Puts the logged-in user into every page's model for the header. */
@ControllerAdvice
class CommonModel {

    @ModelAttribute("currentUser")
    PortalUser currentUser() {
        return CurrentUserResolver.current();
    }

    /** Whether the header offers the administration pages (the rule itself is in SecurityConfig). */
    @ModelAttribute("isAdmin")
    boolean isAdmin() {
        Authentication login = SecurityContextHolder.getContext().getAuthentication();
        return login != null && login.getAuthorities().stream().anyMatch(a -> "ROLE_ADMIN".equals(a.getAuthority()));
    }
}
