package vn.gov.portal.web;

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
}
