package vn.gov.portal.citizen;

import java.util.List;
import java.util.Locale;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import vn.gov.portal.dossier.UserFacingException;
import vn.gov.portal.identity.PortalUser;
import vn.gov.portal.notification.Notifications;
import vn.gov.portal.web.Messages;

/**
 * The citizen's notifications (only their own: everything is selected by the logged-in ID number). Opening the list
 * only shows which are new; they become read when the citizen follows one or marks them all read, each a POST.
 */
@Controller
class NotificationsController {

    private final Notifications notifications;
    private final Messages messages;

    NotificationsController(Notifications notifications, Messages messages) {
        this.notifications = notifications;
        this.messages = messages;
    }

    @GetMapping("/my/notifications")
    String list(PortalUser citizen, Model model, Locale locale) {
        model.addAttribute("notifications", notifications.list(citizen, locale));
        return "citizen/notifications";
    }

    /** The ids the page showed as new, so that one arrived since stays new. */
    @PostMapping("/my/notifications/read")
    String markRead(PortalUser citizen, @RequestParam(name = "id", required = false) List<Long> shown, Locale locale,
                    RedirectAttributes redirect) {
        notifications.markRead(citizen, shown == null ? List.of() : shown);
        redirect.addFlashAttribute("notice", messages.text("notifications.markedRead", null, locale));
        return "redirect:/my/notifications";
    }

    @PostMapping("/my/notifications/{id}/open")
    String open(PortalUser citizen, @PathVariable long id) {
        return "redirect:" + notifications.open(citizen, id).orElseThrow(UserFacingException::notFound);
    }
}
