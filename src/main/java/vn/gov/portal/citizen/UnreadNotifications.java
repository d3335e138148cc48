package vn.gov.portal.citizen;

import org.springframework.stereotype.Component;
import org.springframework.web.servlet.ModelAndView;
import vn.gov.portal.identity.CurrentUserResolver;
import vn.gov.portal.identity.PortalUser;
import vn.gov.portal.notification.Notifications;
import vn.gov.portal.web.PageModel;

/**
 * The unread count in the header. Counted only when a page is about to be rendered for a citizen (not for redirects,
 * downloads or officers): one count on a partial index per page.
 */
@Component
class UnreadNotifications extends PageModel {

    private final Notifications notifications;

    UnreadNotifications(Notifications notifications) {
        this.notifications = notifications;
    }

    @Override
    protected void addTo(ModelAndView page) {
        PortalUser user = CurrentUserResolver.current();
        if (user != null && user.isCitizen()) {
            page.addObject("unreadNotifications", notifications.unread(user));
        }
    }
}
