package vn.gov.portal.identity;

import java.time.Clock;
import org.springframework.context.event.EventListener;
import org.springframework.security.authentication.event.InteractiveAuthenticationSuccessEvent;
import org.springframework.stereotype.Component;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

/** Records when the user logged in (after the session id was changed), for the absolute timeout of {@link SessionLifetime}. */
@Component
class LoginTime {

    private final Clock clock;

    LoginTime(Clock clock) {
        this.clock = clock;
    }

    @EventListener
    void loggedIn(InteractiveAuthenticationSuccessEvent event) {
        if (RequestContextHolder.getRequestAttributes() instanceof ServletRequestAttributes attributes) {
            attributes.getRequest().getSession().setAttribute(SessionLifetime.LOGIN_AT, clock.instant());
        }
    }
}
