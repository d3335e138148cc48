package vn.gov.bench;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import org.springframework.jdbc.core.simple.JdbcClient;
import vn.gov.devstack.DevStack;
import vn.gov.devstack.mail.MailRelay;
import vn.gov.devstack.mail.StartTlsFront;

/**
 * Scenario 9: how fast the portal's outbox hands its mails to an SMTP server. It puts the last mails the outbox sent
 * (those of scenarios 5 and 6, real texts with their own Message-IDs) back in the queue and measures, from the
 * outbox's timestamps, how fast the portal's scheduled delivery sends them to the suite's mail catcher (GreenMail on
 * the loopback, emptied first), then checks that each arrived exactly once. Twice: with the server on the loopback,
 * which flatters the network, and through a relay that holds every chunk of bytes for half a round trip each way, as
 * a relay in another city would. The portal reaches the catcher through that relay in every scenario, undelayed outside
 * this one, and as in production: STARTTLS required, then a login ({@link StartTlsFront} behind the relay, so the
 * handshake's round trips are delayed too); the report gives the TLS sessions and logins each case took.
 */
final class MailDelivery {

    private static final int MAILS_NEAR = 10_000;
    private static final int MAILS_AWAY = 2_000;
    private static final Duration LIMIT = Duration.ofMinutes(4);
    private static final String SCENARIO = "9 Mail delivery";

    private MailDelivery() {
    }

    static void measure(Report report, String stage, DevStack stack, MailRelay relay, StartTlsFront tls,
                        PortalProcess portal, Duration roundTrip, int connections) {
        JdbcClient jdbc = JdbcClient.create(stack.dataSource());
        // The outbox first sends what earlier scenarios left: a mail sent between emptying the catcher and queueing
        // again would otherwise be queued again and arrive twice (3 of 43,957 in a run that skipped this).
        Instant draining = Instant.now();
        waitUntil(() -> unsent(jdbc) == 0, LIMIT);
        report.add(SCENARIO, stage, "time to send what earlier scenarios left first",
                Benchmarks.seconds(Duration.between(draining, Instant.now())) + (unsent(jdbc) > 0 ? " (not done)" : ""));
        String over = connections + (connections == 1 ? " connection" : " connections");
        relay.delay(Duration.ZERO);
        deliver(report, stage, stack, tls, portal, "server on the loopback, " + over, MAILS_NEAR);
        relay.delay(roundTrip.dividedBy(2));
        try {
            deliver(report, stage, stack, tls, portal,
                    "relay " + roundTrip.toMillis() + " ms round trip away, " + over, MAILS_AWAY);
        } finally {
            relay.delay(Duration.ZERO);
        }
    }

    /** Queues the last {@code mails} sent mails again and measures how they go out; rows labelled with the case. */
    private static void deliver(Report report, String stage, DevStack stack, StartTlsFront tls, PortalProcess portal,
                                String where, int mails) {
        JdbcClient jdbc = JdbcClient.create(stack.dataSource());
        int handshakesBefore = tls.handshakes();
        int loginsBefore = tls.logins();
        stack.mail().purge();
        OffsetDateTime queued = jdbc.sql("select now()").query(OffsetDateTime.class).single();
        int requeued = jdbc.sql("""
                        update mail_outbox set sent_at = null, next_attempt_at = now()
                        where id in (select id from mail_outbox where sent_at is not null order by id desc limit ?)""")
                .param(mails).update();
        if (requeued < 100) {
            report.add(SCENARIO, stage, where + ": mails per second", "too few mails sent before (run scenario 5 first)");
            return;
        }
        // The portal's CPU is sampled from the first mail sent (the scheduled run starts up to 30 s after queueing)
        // until nothing is due, and divided by the mails sent meanwhile.
        waitUntil(() -> sentSince(jdbc, queued) > 0, LIMIT);
        OffsetDateTime sampledFrom = jdbc.sql("select now()").query(OffsetDateTime.class).single();
        ResourceSampler.Usage cpu;
        Instant sampled = Instant.now();
        try (ResourceSampler sampler = ResourceSampler.ofProcess(portal.pid())) {
            waitUntil(() -> unsent(jdbc) == 0, LIMIT);
            cpu = sampler.usage();
        }
        long sampledMillis = Duration.between(sampled, Instant.now()).toMillis();
        long sentSampled = sentSince(jdbc, sampledFrom);
        Delivered delivered = jdbc.sql("""
                        select count(*) as mails, min(sent_at) as first, max(sent_at) as last from mail_outbox
                        where sent_at >= ?""").param(queued)
                .query((rs, row) -> new Delivered(rs.getLong("mails"),
                        rs.getObject("first", OffsetDateTime.class), rs.getObject("last", OffsetDateTime.class)))
                .single();
        long due = unsent(jdbc);
        report.add(SCENARIO, stage, where + ": mails queued again (and any still due before)",
                requeued + " (" + (delivered.mails() + due - requeued) + ")");
        if (delivered.mails() < 2) {
            report.add(SCENARIO, stage, where + ": mails per second",
                    "nothing delivered within " + LIMIT.toMinutes() + " min");
            return;
        }
        Duration sending = Duration.between(delivered.first(), delivered.last());
        report.add(SCENARIO, stage, where + ": first mail sent after queueing (the delivery runs every 30 s)",
                Benchmarks.seconds(Duration.between(queued, delivered.first())));
        report.add(SCENARIO, stage, where + ": mails delivered, from the first to the last",
                delivered.mails() + " in " + Benchmarks.seconds(sending) + (due > 0 ? ", " + due + " not yet sent" : ""));
        report.add(SCENARIO, stage, where + ": mails per second, first to last",
                String.format(Locale.ROOT, "%.0f", delivered.mails() / Math.max(sending.toMillis() / 1000.0, 0.001)));
        report.add(SCENARIO, stage, where + ": portal CPU per mail (from the first mail sent to the last)",
                Benchmarks.millis(cpu.cpuPercentAverage() / 100 * sampledMillis / Math.max(1, sentSampled)));
        report.add(SCENARIO, stage, where + ": TLS sessions / logins (STARTTLS and AUTH, as in production)",
                (tls.handshakes() - handshakesBefore) + " / " + (tls.logins() - loginsBefore));
        List<String> received = stack.mail().messageIds();
        long distinct = new HashSet<>(received).size();
        // A mail the portal was sending when the catcher was emptied arrives after it, marked sent before `queued`.
        report.add(SCENARIO, stage, where + ": mails received by the SMTP server / of them twice",
                received.size() + " / " + (received.size() - distinct), "none twice", distinct == received.size());
    }

    private record Delivered(long mails, OffsetDateTime first, OffsetDateTime last) {}

    /** Mails not sent yet and not failing: due, or claimed and on their way (their next attempt a lease ahead). */
    private static long unsent(JdbcClient jdbc) {
        return jdbc.sql("select count(*) from mail_outbox where sent_at is null and last_error is null")
                .query(Long.class).single();
    }

    private static long sentSince(JdbcClient jdbc, OffsetDateTime from) {
        return jdbc.sql("select count(*) from mail_outbox where sent_at >= ?").param(from).query(Long.class).single();
    }

    private static void waitUntil(java.util.function.BooleanSupplier done, Duration limit) {
        Instant start = Instant.now();
        while (!done.getAsBoolean() && Duration.between(start, Instant.now()).compareTo(limit) < 0) {
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }
}
