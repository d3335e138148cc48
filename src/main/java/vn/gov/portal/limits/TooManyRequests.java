package vn.gov.portal.limits;

import java.time.Duration;

/** The person reached a limit; thrown inside the transaction, so whatever the request had changed is rolled back. */
public class TooManyRequests extends RuntimeException {

    private final LimitedAction action;
    private final int limit;
    private final Duration window;
    private final Duration retryAfter;

    TooManyRequests(LimitedAction action, int limit, Duration window, Duration retryAfter) {
        super(action + " limit of " + limit + " per " + window + " reached");
        this.action = action;
        this.limit = limit;
        this.window = window;
        this.retryAfter = retryAfter;
    }

    public LimitedAction action() {
        return action;
    }

    public int limit() {
        return limit;
    }

    public Duration window() {
        return window;
    }

    /** The arguments of the action's message: the limit, the window and the wait in minutes (at least one). */
    public Object[] messageArgs() {
        return new Object[] {limit, window.toMinutes(), Math.max(1, (retryAfter.toSeconds() + 59) / 60)};
    }

    /** Until the oldest counted action leaves the window; at least one second. */
    public Duration retryAfter() {
        return retryAfter;
    }
}
