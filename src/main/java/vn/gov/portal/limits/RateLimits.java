package vn.gov.portal.limits;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.HexFormat;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Counts a person's submissions, uploads and look-ups of other people in a sliding window. The count lives in PostgreSQL (table rate_limit, with
 * the database's clock), so every portal instance behind the balancer sees the same numbers: one row per person and
 * action with the times of their actions in the window. One statement counts an action: it inserts the row, or locks
 * it and, if the window has room, drops the times that left it and adds this one. The lock makes concurrent requests
 * count one after another, each seeing the row as the one before left it. Look-ups count each number once in the
 * window ({@link #takeOnce}): the row keeps the key of each time beside it, as a keyed hash (HMAC-SHA256 with
 * {@code portal.limits.key-secret}), never the number itself: the table would otherwise tell anyone who reads the
 * database whose ID numbers each citizen typed in the last hour. Rows of people with no action left in the window
 * are deleted by {@link #forgetExpired()}.
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
    private final int lookups;
    private final Duration lookupWindow;
    private final SecretKeySpec keySecret;

    /** Shorter than this, a secret could be guessed, and with it every ID number behind the keys (there are only 10^12). */
    static final int MIN_SECRET_LENGTH = 32;

    RateLimits(JdbcClient jdbc, @Value("${portal.limits.submissions:10}") int submissions,
               @Value("${portal.limits.uploads:40}") int uploads,
               @Value("${portal.limits.window:PT10M}") Duration window,
               @Value("${portal.limits.lookups:20}") int lookups,
               @Value("${portal.limits.lookup-window:PT1H}") Duration lookupWindow,
               @Value("${portal.limits.key-secret}") String keySecret) {
        if (keySecret == null || keySecret.strip().length() < MIN_SECRET_LENGTH) {
            throw new IllegalStateException("portal.limits.key-secret (PORTAL_LIMITS_KEY_SECRET) must have at least "
                    + MIN_SECRET_LENGTH + " characters; see docs/operations.md");
        }
        this.jdbc = jdbc;
        this.submissions = submissions;
        this.uploads = uploads;
        this.window = window;
        this.lookups = lookups;
        this.lookupWindow = lookupWindow;
        this.keySecret = new SecretKeySpec(keySecret.strip().getBytes(StandardCharsets.UTF_8), "HmacSHA256");
    }

    public int limitOf(LimitedAction action) {
        return switch (action) {
            case SUBMISSION -> submissions;
            case UPLOAD -> uploads;
            case PERSON_LOOKUP -> lookups;
        };
    }

    /** Looking people up is limited over a longer window than the flood limits: a person types a few at a time. */
    public Duration windowOf(LimitedAction action) {
        return action == LimitedAction.PERSON_LOOKUP ? lookupWindow : window;
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
                .param("subject", subject).param("action", action.name())
                .param("seconds", windowOf(action).toSeconds())
                .param("limit", limitOf(action)).query(Boolean.class).optional().isPresent();
        if (!counted) {
            throw refusal(subject, action);
        }
    }

    /**
     * Counts {@code about} (what the action is about, e.g. the number looked up) once in the window: a key already
     * counted in it costs nothing. Returns the refusal when the window holds the limit's keys instead of throwing it,
     * for a caller that goes on without the action (an exception would roll back its whole transaction). Meant to run
     * in the transaction that does the action, like {@link #take}. The row keeps only the key's keyed hash.
     */
    @Transactional
    public Optional<TooManyRequests> takeOnce(String subject, LimitedAction action, String about) {
        String key = hashed(subject, action, about);
        long seconds = windowOf(action).toSeconds();
        // Most calls repeat a key already counted (a form saved again with the same number): one read, no lock.
        if (counts(subject, action, key)) {
            return Optional.empty();
        }
        boolean counted = jdbc.sql("""
                        insert into rate_limit as r (subject, action, times, keys)
                        values (:subject, :action, array[now()], array[:key])
                        on conflict (subject, action) do update
                            set (times, keys) = (select coalesce(array_agg(u.t order by u.n), '{}') || now(),
                                                        coalesce(array_agg(u.k order by u.n), '{}') || :key::text
                                                 from unnest(r.times, r.keys) with ordinality u(t, k, n)
                                                 where u.t > now() - make_interval(secs => :seconds))
                            where (select count(*) from unnest(r.times) t
                                   where t > now() - make_interval(secs => :seconds)) < :limit
                              and not exists (select 1 from unnest(r.times, r.keys) u(t, k)
                                              where u.k = :key and u.t > now() - make_interval(secs => :seconds))
                        returning true""")
                .param("subject", subject).param("action", action.name()).param("key", key)
                .param("seconds", seconds).param("limit", limitOf(action))
                .query(Boolean.class).optional().isPresent();
        // Not counted: the window is full, or a request at the same time counted the key first (the row is locked
        // by the statement above, so this reads it as that request left it).
        return counted || counts(subject, action, key) ? Optional.empty() : Optional.of(refusal(subject, action));
    }

    /**
     * What the row keeps for a key: HMAC-SHA256 over the person, the action and the key, in hex. The same key hashes
     * alike in one person's row, so it still counts once; the secret keeps anyone who reads the table from hashing
     * the 10^12 possible numbers to find it, and the person in the input keeps two rows from showing that two citizens
     * looked up the same number.
     */
    private String hashed(String subject, LimitedAction action, String key) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");   // not thread-safe: one per call, cheap beside the statement
            mac.init(keySecret);
            byte[] input = (subject + '\n' + action.name() + '\n' + key).getBytes(StandardCharsets.UTF_8);
            return HexFormat.of().formatHex(mac.doFinal(input));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every Java runtime", e);
        }
    }

    /** Whether the key (hashed) is counted in the person's window. */
    private boolean counts(String subject, LimitedAction action, String key) {
        return jdbc.sql("""
                        select exists (select 1 from rate_limit r, unnest(r.times, r.keys) u(t, k)
                                       where r.subject = :subject and r.action = :action and u.k = :key
                                         and u.t > now() - make_interval(secs => :seconds))""")
                .param("subject", subject).param("action", action.name()).param("key", key)
                .param("seconds", windowOf(action).toSeconds()).query(Boolean.class).single();
    }

    /** The refusal of an action over the limit: reads the window that refused it, with the person's row locked. */
    private TooManyRequests refusal(String subject, LimitedAction action) {
        Duration window = windowOf(action);
        Recent recent = jdbc.sql(IN_WINDOW.formatted("count(*) as count, min(t) as oldest, now() as now"))
                .param("subject", subject).param("action", action.name()).param("seconds", window.toSeconds())
                .query(Recent.class).single();
        Duration wait = Duration.between(recent.now().toInstant(), recent.oldest().toInstant().plus(window));
        return new TooManyRequests(action, limitOf(action), window, wait.compareTo(Duration.ofSeconds(1)) < 0
                ? Duration.ofSeconds(1) : wait);
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
                            where (select max(t) from unnest(times) t) <= now() - make_interval(secs =>
                                case when action = :lookups then :lookupSeconds else :seconds end)
                            for update skip locked) expired
                        where r.subject = expired.subject and r.action = expired.action""")
                .param("lookups", LimitedAction.PERSON_LOOKUP.name())
                .param("lookupSeconds", windowOf(LimitedAction.PERSON_LOOKUP).toSeconds())
                .param("seconds", window.toSeconds()).update();
    }

    private record Recent(long count, OffsetDateTime oldest, OffsetDateTime now) {}

    /** How many actions of the person count now (for tests and support). */
    public int recent(String subject, LimitedAction action) {
        return jdbc.sql(IN_WINDOW.formatted("count(*)")).param("subject", subject).param("action", action.name())
                .param("seconds", windowOf(action).toSeconds()).query(Integer.class).single();
    }
}
