package vn.gov.portal.identity;

import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import org.springframework.session.Session;

/**
 * A stored session whose last access moves on only when it is a minute old. Spring Session stamps the last access on
 * every request, and with the sessions in PostgreSQL each stamp is an UPDATE in a transaction of its own, on every page
 * and post. The stamp only serves the 30-minute idle timeout, which may as well be counted to the minute: a session
 * left alone now ends between 29 and 30 minutes after its last request. Anything else that changes the session is
 * written as before.
 */
final class CoarseLastAccess implements Session {

    static final Duration PRECISION = Duration.ofMinutes(1);

    private final Session stored;

    CoarseLastAccess(Session stored) {
        this.stored = stored;
    }

    Session stored() {
        return stored;
    }

    @Override
    public void setLastAccessedTime(Instant time) {
        if (!time.isBefore(stored.getLastAccessedTime().plus(PRECISION))) {
            stored.setLastAccessedTime(time);
        }
    }

    @Override
    public Instant getLastAccessedTime() {
        return stored.getLastAccessedTime();
    }

    @Override
    public String getId() {
        return stored.getId();
    }

    @Override
    public String changeSessionId() {
        return stored.changeSessionId();
    }

    @Override
    public <T> T getAttribute(String name) {
        return stored.getAttribute(name);
    }

    @Override
    public Set<String> getAttributeNames() {
        return stored.getAttributeNames();
    }

    @Override
    public void setAttribute(String name, Object value) {
        stored.setAttribute(name, value);
    }

    @Override
    public void removeAttribute(String name) {
        stored.removeAttribute(name);
    }

    @Override
    public Instant getCreationTime() {
        return stored.getCreationTime();
    }

    @Override
    public void setMaxInactiveInterval(Duration interval) {
        stored.setMaxInactiveInterval(interval);
    }

    @Override
    public Duration getMaxInactiveInterval() {
        return stored.getMaxInactiveInterval();
    }

    @Override
    public boolean isExpired() {
        return stored.isExpired();
    }
}
