package vn.gov.portal.citizen;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.servlet.ModelAndView;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;
import vn.gov.portal.identity.CurrentUserResolver;
import vn.gov.portal.identity.PortalUser;
import vn.gov.portal.notification.Notifications;
import vn.gov.portal.web.CommonModel;

/**
 * The unread count in the header. Counted only when a page is about to be rendered for a citizen (not for redirects,
 * downloads or officers): one count on a partial index per page.
 */
@Configuration
class UnreadNotifications implements WebMvcConfigurer, HandlerInterceptor {

    private final Notifications notifications;

    UnreadNotifications(Notifications notifications) {
        this.notifications = notifications;
    }

    @Override
    public void addInterceptors(InterceptorRegistry registry) {
        registry.addInterceptor(this);
    }

    @Override
    public void postHandle(HttpServletRequest request, HttpServletResponse response, Object handler,
                           ModelAndView page) {
        PortalUser user = CurrentUserResolver.current();
        if (!CommonModel.rendersPage(page) || user == null || !user.isCitizen()) {
            return;
        }
        page.addObject("unreadNotifications", notifications.unread(user));
    }
}
