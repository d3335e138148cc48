package vn.gov.portal.limits;

import java.time.Duration;
import java.time.OffsetDateTime;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Counts a person's submissions and uploads in a sliding window. The count lives in PostgreSQL (table rate_limit, with
 * the database's clock), so every portal instance behind the balancer sees the same numbers: one row per person and
 * action with the times of their actions in the window. One statement counts an action: it inserts the row, or locks
 * it and, if the window has room, drops the times that left it and adds this one. The lock makes concurrent requests
 * count one after another, each seeing the row as the one before left it. Rows of people with no action left in the
 * window are deleted by {@link #forgetExpired()}.
 */
@Component
public class RateLimits {

    /** The person's actions in the window, as the columns asked for. */
    private static final String IN_WINDOW = """
            select %s from rate_limit r, unnest(r.times) t
            where r.subject = :subject and r.action = :action and t > now() - make_interval(secs => :seconds)""";

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
        // ON CONFLICT DO UPDATE evaluates its SET and WHERE on the row's latest version, once it holds the row's lock.
        boolean counted = jdbc.sql("""
                        insert into rate_limit as r (subject, action, times) values (:subject, :action, array[now()])
                        on conflict (subject, action) do update
                            set times = array(select t from unnest(r.times) t
                                              where t > now() - make_interval(secs => :seconds)) || now()
                            where (select count(*) from unnest(r.times) t
                                   where t > now() - make_interval(secs => :seconds)) < :limit
                        returning true""")
                .param("subject", subject).param("action", action.name()).param("seconds", window.toSeconds())
                .param("limit", limitOf(action)).query(Boolean.class).optional().isPresent();
        if (!counted) {
            // Refused: the row is locked by the statement above, so this reads the window that refused it.
            Recent recent = jdbc.sql(IN_WINDOW.formatted("count(*) as count, min(t) as oldest, now() as now"))
                    .param("subject", subject).param("action", action.name()).param("seconds", window.toSeconds())
                    .query(Recent.class).single();
            Duration wait = Duration.between(recent.now().toInstant(), recent.oldest().toInstant().plus(window));
            throw new TooManyRequests(action, limitOf(action), window, wait.compareTo(Duration.ofSeconds(1)) < 0
                    ? Duration.ofSeconds(1) : wait);
        }
    }

    /**
     * Deletes the rows of people with no action left in the window, for every person at once. Every instance runs it,
     * one at a time: two purges at once would wait on each other's rows and could deadlock, so an instance that finds
     * another purging leaves it the work (0 deleted). The table holds the people who acted within one window, so the
     * scan is short. A person's next action drops their own old times, so a row holds at most the limit's times after
     * it.
     */
    @Scheduled(fixedDelayString = "${portal.limits.purge-interval:PT1M}", initialDelayString = "${portal.limits.purge-interval:PT1M}")
    @Transactional
    public int forgetExpired() {
        boolean alone = jdbc.sql("select pg_try_advisory_xact_lock(hashtext('rate-limit:purge'))")
                .query(Boolean.class).single();
        // A row locked by a person's action in progress is theirs again: skipped, not waited for (waiting held a
        // connection, and with the action's own locks could deadlock).
        return !alone ? 0 : jdbc.sql("""
                        delete from rate_limit r using (
                            select subject, action from rate_limit
                            where (select max(t) from unnest(times) t) <= now() - make_interval(secs => ?)
                            for update skip locked) expired
                        where r.subject = expired.subject and r.action = expired.action""")
                .param(window.toSeconds()).update();
    }

    private record Recent(long count, OffsetDateTime oldest, OffsetDateTime now) {}

    /** How many actions of the person count now (for tests and support). */
    public int recent(String subject, LimitedAction action) {
        return jdbc.sql(IN_WINDOW.formatted("count(*)")).param("subject", subject).param("action", action.name())
                .param("seconds", window.toSeconds()).query(Integer.class).single();
    }
}
