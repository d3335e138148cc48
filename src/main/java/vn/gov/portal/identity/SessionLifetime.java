package vn.gov.portal.identity;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.core.context.SecurityContextHolderStrategy;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * The absolute session timeout: whatever the activity, a login lasts at most {@code maxAge} (12 h by default); the
 * idle timeout (30 min) is Spring Session's. The login time is kept in the session (set at login by
 * {@link LoginTime}, or at the first authenticated request of a session that has none); past it, the session is
 * ended and the request goes on as anonymous, so protected pages send the user to log in again.
 */
public class SessionLifetime extends OncePerRequestFilter {

    /** Session attribute holding the {@link Instant} of the login. */
    public static final String LOGIN_AT = "portal.loginAt";

    private final Clock clock;
    private final Duration maxAge;
    private final SecurityContextHolderStrategy contexts = SecurityContextHolder.getContextHolderStrategy();

    public SessionLifetime(Clock clock, Duration maxAge) {
        this.clock = clock;
        this.maxAge = maxAge;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        HttpSession session = request.getSession(false);
        Authentication authentication = contexts.getContext().getAuthentication();
        if (session != null && authentication != null && !(authentication instanceof AnonymousAuthenticationToken)) {
            Instant now = clock.instant();
            if (!(session.getAttribute(LOGIN_AT) instanceof Instant loginAt)) {
                session.setAttribute(LOGIN_AT, now);
            } else if (loginAt.plus(maxAge).isBefore(now)) {
                session.invalidate();
                contexts.clearContext();
            }
        }
        chain.doFilter(request, response);
    }
}
