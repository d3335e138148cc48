package vn.gov.portal.citizen;

import java.util.Locale;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import vn.gov.portal.identity.PortalUser;
import vn.gov.portal.notification.Notifications;

/** The citizen's notifications (only their own: the list is selected by the logged-in ID number). */
@Controller
class NotificationsController {

    private final Notifications notifications;

    NotificationsController(Notifications notifications) {
        this.notifications = notifications;
    }

    /** Opening the list marks everything in it read; the entries still show which were new. */
    @GetMapping("/my/notifications")
    String list(PortalUser citizen, Model model, Locale locale) {
        model.addAttribute("notifications", notifications.openList(citizen, locale));
        return "citizen/notifications";
    }
}
