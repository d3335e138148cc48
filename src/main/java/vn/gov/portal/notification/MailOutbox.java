package vn.gov.portal.notification;

import jakarta.annotation.PreDestroy;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.SendFailedException;
import jakarta.mail.Session;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.io.UnsupportedEncodingException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mail.javamail.JavaMailSenderImpl;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Delivers the mails of the outbox. Runs on every portal instance, over several SMTP connections at once: a relay
 * elsewhere costs each mail four round trips (sender, recipient, data and its end), so one connection to a relay
 * 20 ms away carries about twelve mails a second whatever the portal's speed.
 *
 * <p>Each mail is claimed with {@code FOR UPDATE SKIP LOCKED} by moving its next attempt a {@linkplain #LEASE lease}
 * ahead and giving it a claim token, committed at once; it is sent with no database connection held, and marked sent
 * afterwards by the holder of the token. So another instance (or connection) skips a mail being sent, and once it is
 * marked sent nobody picks it again. The lease is longer than a send can take with the SMTP timeouts of
 * application.yml, so it only runs out for an instance that died while sending: its mail then goes again after it.
 *
 * <p>Two windows are left in which a mail goes twice: the server accepted the mail and the portal died (or lost the
 * database) before marking it sent, or the connection broke between the end of the mail and the server's reply. The
 * row is then still unsent and goes again later. Every attempt carries the row's fixed Message-ID, so the repeat is
 * recognisable as the same message (mail servers and clients can drop it as a duplicate; the log of the SMTP server
 * shows both deliveries under one id). Closing the windows entirely would need the SMTP server to take part in our
 * transaction, which SMTP cannot.
 */
@Component
public class MailOutbox {

    private static final Logger log = LoggerFactory.getLogger(MailOutbox.class);
    private static final String UTF_8 = "UTF-8";
    static final Duration FIRST_RETRY = Duration.ofMinutes(1);
    /** Retries never stop (a mail is only done when a server took it), but they slow down to this. */
    static final Duration MAX_RETRY = Duration.ofHours(1);
    /**
     * How long a claimed mail is left to its sender: well above the longest a send can take with the timeouts of
     * application.yml (a 10 s connect, then up to 30 s for each of about eleven replies with STARTTLS and a login:
     * about 6 minutes, and a little more when a connection found closed is replaced), so that only a sender that
     * died loses it.
     */
    static final Duration LEASE = Duration.ofMinutes(15);

    /**
     * Claims the first due mail nobody else is sending, in the order of the index mail_outbox_due (V30), by moving
     * its next attempt past the lease and giving it a new claim token (V31).
     */
    static final String CLAIM = """
            update mail_outbox set next_attempt_at = now() + make_interval(secs => :lease), claim = gen_random_uuid()
            where id = (select id from mail_outbox where sent_at is null and next_attempt_at <= now()
                        order by next_attempt_at, id limit 1 for update skip locked)
            returning id, claim, message_id, recipient, subject, body, attempts""";

    private enum Outcome { NOTHING_DUE, SENT, FAILED, SERVER_UNAVAILABLE }

    private record Due(long id, UUID claim, String messageId, String recipient, String subject, String body,
                       int attempts) {}

    private final JdbcClient jdbc;
    private final ObjectProvider<JavaMailSenderImpl> senders;
    private final MailSettings settings;
    private final int connections;
    /** Runs the connections beyond the first, which runs on the caller's thread. */
    private final ExecutorService senderThreads;

    MailOutbox(JdbcClient jdbc, ObjectProvider<JavaMailSenderImpl> senders, MailSettings settings,
               @Value("${portal.mail.connections}") int connections) {
        if (connections < 1) {
            throw new IllegalArgumentException("portal.mail.connections must be at least 1, not " + connections);
        }
        this.jdbc = jdbc;
        this.senders = senders;
        this.settings = settings;
        this.connections = connections;
        AtomicInteger threads = new AtomicInteger();
        this.senderThreads = Executors.newCachedThreadPool(work -> {
            Thread thread = new Thread(work, "mail-delivery-" + threads.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
    }

    @PreDestroy
    void stop() {
        senderThreads.shutdownNow();
    }

    @Scheduled(fixedDelayString = "${portal.mail.delivery-interval:PT30S}",
            initialDelayString = "${portal.mail.delivery-interval:PT30S}")
    void deliverOnSchedule() {
        if (settings.canSend()) {
            deliverDue();
        }
    }

    /**
     * Sends the mails that are due over {@code portal.mail.connections} connections at once, each until none is left
     * or the server is not reachable (the rest waits for the next run rather than each waiting for a timeout). A
     * connection is opened only when it has a mail to send, and carries mail after mail. Mails queued while it runs
     * go out in the same run: delivery has a scheduler thread of its own, so a long run holds up nothing else.
     *
     * @return how many mails the server accepted
     */
    public int deliverDue() {
        JavaMailSenderImpl sender = senders.getIfAvailable();
        if (sender == null || !settings.canSend()) {
            return 0;
        }
        List<Future<Integer>> others = new ArrayList<>();
        for (int i = 1; i < connections; i++) {
            others.add(senderThreads.submit(() -> deliverOver(sender)));
        }
        int sent = 0;
        try {
            sent += deliverOver(sender);
        } finally {
            // Even if this thread's connection failed: the next run starts only when all of this one's have ended.
            for (Future<Integer> other : others) {
                try {
                    sent += other.get();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    others.forEach(running -> running.cancel(true));
                    break;
                } catch (ExecutionException e) {
                    log.error("A mail delivery connection failed; a mail it had claimed goes again after "
                            + LEASE.toMinutes() + " minutes", e.getCause());
                }
            }
        }
        return sent;
    }

    /** Sends due mails over one connection until none is left or the server is not reachable. */
    private int deliverOver(JavaMailSenderImpl sender) {
        int sent = 0;
        try (SmtpConnection connection = new SmtpConnection(sender)) {
            for (Outcome outcome = Outcome.SENT; outcome == Outcome.SENT || outcome == Outcome.FAILED; ) {
                outcome = deliverOne(connection);
                if (outcome == Outcome.SENT) {
                    sent++;
                }
            }
        }
        return sent;
    }

    private Outcome deliverOne(SmtpConnection connection) {
        Optional<Due> claimed = jdbc.sql(CLAIM).param("lease", (double) LEASE.toSeconds())
                .query((rs, row) -> new Due(rs.getLong("id"), rs.getObject("claim", UUID.class),
                        rs.getString("message_id"), rs.getString("recipient"), rs.getString("subject"),
                        rs.getString("body"), rs.getInt("attempts")))
                .optional();
        if (claimed.isEmpty()) {
            return Outcome.NOTHING_DUE;
        }
        Due mail = claimed.get();
        try {
            connection.send(message(connection, mail));
        } catch (MessagingException e) {
            Duration wait = backoff(mail.attempts() + 1);
            jdbc.sql("""
                            update mail_outbox set attempts = attempts + 1, last_error = ?, claim = null,
                                next_attempt_at = now() + make_interval(secs => ?) where id = ? and claim = ?""")
                    .params(describe(e), (double) wait.toSeconds(), mail.id(), mail.claim()).update();
            log.warn("Mail {} not sent (attempt {}), next try in {}: {}", mail.id(), mail.attempts() + 1, wait,
                    describe(e));
            return concernsThisMailOnly(e) ? Outcome.FAILED : Outcome.SERVER_UNAVAILABLE;
        }
        int marked = jdbc.sql("""
                        update mail_outbox set sent_at = now(), attempts = attempts + 1, last_error = null, claim = null
                        where id = ? and claim = ?""")
                .params(mail.id(), mail.claim()).update();
        if (marked == 0) {
            log.warn("Mail {} was sent after its claim ran out ({} minutes); another sender may send it again",
                    mail.id(), LEASE.toMinutes());
        }
        return Outcome.SENT;
    }

    /**
     * A plain-text mail in UTF-8. Built directly: Spring's MimeMessageHelper, given a message not made by Spring's
     * sender, loads the MIME type table from the class path for every message (JFR: half of a mail's CPU).
     */
    private MimeMessage message(SmtpConnection connection, Due mail) throws MessagingException {
        MimeMessage message = new OutboxMessage(connection.session(), mail.messageId());
        message.setFrom(address(settings.from()));
        message.setRecipient(Message.RecipientType.TO, address(mail.recipient()));
        message.setSubject(mail.subject(), UTF_8);
        message.setText(mail.body(), UTF_8);
        return message;
    }

    /** One address; a display name ("Cổng dịch vụ công &lt;khong-tra-loi@…&gt;") is encoded in UTF-8. */
    private static InternetAddress address(String text) throws AddressException {
        InternetAddress address = new InternetAddress(text, true);
        if (address.getPersonal() == null) {
            return address;
        }
        try {
            return new InternetAddress(address.getAddress(), address.getPersonal(), UTF_8);
        } catch (UnsupportedEncodingException e) {
            throw new IllegalStateException("UTF-8 is part of every Java runtime", e);
        }
    }

    /** A message that keeps the outbox row's Message-ID when it is saved, on every attempt. */
    private static final class OutboxMessage extends MimeMessage {

        private final String messageId;

        OutboxMessage(Session session, String messageId) {
            super(session);
            this.messageId = messageId;
        }

        @Override
        protected void updateMessageID() throws MessagingException {
            setHeader("Message-ID", messageId);
        }
    }

    /** 1, 2, 4 … minutes after each failed attempt, at most an hour. */
    static Duration backoff(int attempts) {
        long minutes = FIRST_RETRY.toMinutes() << Math.min(attempts - 1, 10);
        return minutes >= MAX_RETRY.toMinutes() ? MAX_RETRY : Duration.ofMinutes(minutes);
    }

    /** An address the server refused, or a message we could not build, is this mail's problem, not the server's. */
    private static boolean concernsThisMailOnly(MessagingException e) {
        return e instanceof SendFailedException || e instanceof AddressException;
    }

    private static String describe(Exception e) {
        StringBuilder text = new StringBuilder(String.valueOf(e.getMessage()));
        for (Throwable cause = e.getCause(); cause != null && cause != cause.getCause(); cause = cause.getCause()) {
            text.append(" / ").append(cause.getMessage());
        }
        return text.length() > 1000 ? text.substring(0, 1000) : text.toString();
    }
}
