package vn.gov.devstack.eid;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Failed logins per account on the dev provider: after {@link #LIMIT} wrong passwords within {@link #WINDOW} the
 * account is locked until the oldest of them is older than the window; a good login clears the count. In memory,
 * because the dev provider is a single process; the production identity providers have their own limits.
 */
final class FailedLogins {

    static final int LIMIT = 5;
    static final Duration WINDOW = Duration.ofMinutes(15);

    private final Map<String, Deque<Instant>> failures = new ConcurrentHashMap<>();
    private final Clock clock;

    FailedLogins(Clock clock) {
        this.clock = clock;
    }

    void failed(String username) {
        if (username == null) {
            return;
        }
        failures.compute(username, (name, times) -> {
            Deque<Instant> recent = times == null ? new ArrayDeque<>() : times;
            recent.addLast(clock.instant());
            forgetOld(recent);
            return recent;
        });
    }

    void succeeded(String username) {
        if (username != null) {
            failures.remove(username);
        }
    }

    boolean locked(String username) {
        Deque<Instant> recent = failures.computeIfPresent(username, (name, times) -> {
            forgetOld(times);
            return times.isEmpty() ? null : times;
        });
        return recent != null && recent.size() >= LIMIT;
    }

    private void forgetOld(Deque<Instant> times) {
        Instant since = clock.instant().minus(WINDOW);
        while (!times.isEmpty() && !times.peekFirst().isAfter(since)) {
            times.removeFirst();
        }
    }
}
