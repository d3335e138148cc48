package vn.gov.devstack;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.util.concurrent.atomic.AtomicReference;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;

/**
 * The portal's clock in the integration tests: Vietnamese time as in production ({@code PortalClock}), which a test
 * may stop at an instant to check a rule of the time of day (the 23:00 of the notification of stay), and must let run
 * again in a {@code finally}: all integration tests share the one portal.
 */
public final class TestClock extends Clock {

    private static final ZoneId VIETNAM = ZoneId.of("Asia/Ho_Chi_Minh");

    private final AtomicReference<Instant> stoppedAt = new AtomicReference<>();

    /** Stops the clock at this instant until {@link #run()}. */
    public void stopAt(Instant instant) {
        stoppedAt.set(instant);
    }

    /** The clock tells the real time again. */
    public void run() {
        stoppedAt.set(null);
    }

    @Override
    public ZoneId getZone() {
        return VIETNAM;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        Instant stopped = stoppedAt.get();
        return stopped == null ? Clock.system(zone) : Clock.fixed(stopped, zone);
    }

    @Override
    public Instant instant() {
        Instant stopped = stoppedAt.get();
        return stopped == null ? Instant.now() : stopped;
    }

    /** Puts the test clock in place of the portal's own (the one {@code Clock} every component is given). */
    @TestConfiguration(proxyBeanMethods = false)
    public static class InPortal {
        @Bean
        @Primary
        TestClock testClock() {
            return new TestClock();
        }
    }
}
