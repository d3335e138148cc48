package vn.gov.portal.limits;

import java.time.Duration;
import java.time.OffsetDateTime;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Counts a person's submissions and uploads in a sliding window. The count lives in PostgreSQL (table
 * rate_limit_event, with the database's clock), so every portal instance behind the balancer sees the same numbers.
 * A transaction-scoped advisory lock per person and action makes concurrent requests count one after another.
 * Rows that have left the window are deleted by {@link #forgetExpired()}, not by the action: deleted in the action, each
 * of the person's next actions walked the index entries of the rows deleted before, until a vacuum removed them (a
 * sixteenth of PostgreSQL's CPU per submission in the benchmark, docs/performance.md "Eleventh round").
 */
@Component
public class RateLimits {

    private final JdbcClient jdbc;
    private final int submissions;
    private final int uploads;
    private final Duration window;

    RateLimits(JdbcClient jdbc, @Value("${portal.limits.submissions:10}") int submissions,
               @Value("${portal.limits.uploads:40}") int uploads,
               @Value("${portal.limits.window:PT10M}") Duration window) {
        this.jdbc = jdbc;
        this.submissions = submissions;
        this.uploads = uploads;
        this.window = window;
    }

    public int limitOf(LimitedAction action) {
        return action == LimitedAction.SUBMISSION ? submissions : uploads;
    }

    /**
     * Counts one action of the person, or throws {@link TooManyRequests} when the window is full. Meant to run in the
     * transaction that does the action: if that rolls back, the action is not counted either.
     */
    @Transactional
    public void take(String subject, LimitedAction action) {
        jdbc.sql("select 1 from (select pg_advisory_xact_lock(hashtext(?))) locked")
                .param("rate-limit:" + action + ":" + subject).query(Integer.class).single();
        // One statement after the lock: count the actions in the window, and count this one too when there is room
        // (both parts see the same snapshot).
        Recent recent = jdbc.sql("""
                        with recent as (select count(*) as count, min(at) as oldest from rate_limit_event
                                        where subject = :subject and action = :action
                                          and at > now() - make_interval(secs => :seconds)),
                             taken as (insert into rate_limit_event (subject, action)
                                       select :subject, :action from recent where recent.count < :limit)
                        select count, oldest, now() as now from recent""")
                .param("subject", subject).param("action", action.name()).param("seconds", window.toSeconds())
                .param("limit", limitOf(action)).query(Recent.class).single();
        if (recent.count() >= limitOf(action)) {
            Duration wait = Duration.between(recent.now().toInstant(), recent.oldest().toInstant().plus(window));
            throw new TooManyRequests(action, limitOf(action), window, wait.compareTo(Duration.ofSeconds(1)) < 0
                    ? Duration.ofSeconds(1) : wait);
        }
    }

    /**
     * Deletes the actions that no longer count, for every person at once. Every instance runs it, one at a time: two
     * purges at once would wait on each other's rows and could deadlock, so an instance that finds another purging
     * leaves it the work (0 deleted). The table holds one window of the country's actions, so the scan is short.
     */
    @Scheduled(fixedDelayString = "${portal.limits.purge-interval:PT1M}", initialDelayString = "${portal.limits.purge-interval:PT1M}")
    @Transactional
    public int forgetExpired() {
        boolean alone = jdbc.sql("select pg_try_advisory_xact_lock(hashtext('rate-limit:purge'))")
                .query(Boolean.class).single();
        return !alone ? 0 : jdbc.sql("delete from rate_limit_event where at <= now() - make_interval(secs => ?)")
                .param(window.toSeconds()).update();
    }

    private record Recent(long count, OffsetDateTime oldest, OffsetDateTime now) {}

    /** How many actions of the person count now (for tests and support). */
    public int recent(String subject, LimitedAction action) {
        return jdbc.sql("""
                        select count(*) from rate_limit_event
                        where subject = ? and action = ? and at > now() - make_interval(secs => ?)""")
                .params(subject, action.name(), window.toSeconds()).query(Integer.class).single();
    }
}
