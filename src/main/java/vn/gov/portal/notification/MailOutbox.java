package vn.gov.portal.notification;

import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.SendFailedException;
import jakarta.mail.Session;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.io.UnsupportedEncodingException;
import java.time.Duration;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mail.javamail.JavaMailSenderImpl;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Delivers the mails of the outbox. Runs on every portal instance; each mail is claimed with
 * {@code FOR UPDATE SKIP LOCKED} in a transaction of its own that holds the row lock while the SMTP server is talking,
 * and marks the row sent before committing. So another instance (or thread) skips a mail being sent, and once it is
 * marked sent nobody picks it again.
 *
 * <p>The one window left: the server accepted the mail and the portal died (or lost the database) before the commit.
 * The row is then still unsent and goes again later. Every attempt carries the row's fixed Message-ID, so the repeat
 * is recognisable as the same message (mail servers and clients can drop it as a duplicate; the log of the SMTP
 * server shows both deliveries under one id). Closing the window entirely would need the SMTP server to take part in
 * our transaction, which SMTP cannot.
 */
@Component
public class MailOutbox {

    private static final Logger log = LoggerFactory.getLogger(MailOutbox.class);
    private static final String UTF_8 = "UTF-8";
    static final Duration FIRST_RETRY = Duration.ofMinutes(1);
    /** Retries never stop (a mail is only done when a server took it), but they slow down to this. */
    static final Duration MAX_RETRY = Duration.ofHours(1);

    /** The first due mail nobody else is sending, in the order of the index mail_outbox_due (V30). */
    static final String CLAIM = """
            select id, message_id, recipient, subject, body, attempts from mail_outbox
            where sent_at is null and next_attempt_at <= now()
            order by next_attempt_at, id limit 1 for update skip locked""";

    private enum Outcome { NOTHING_DUE, SENT, FAILED, SERVER_UNAVAILABLE }

    private record Due(long id, String messageId, String recipient, String subject, String body, int attempts) {}

    private final JdbcClient jdbc;
    private final TransactionTemplate transactions;
    private final ObjectProvider<JavaMailSenderImpl> senders;
    private final MailSettings settings;

    MailOutbox(JdbcClient jdbc, TransactionTemplate transactions, ObjectProvider<JavaMailSenderImpl> senders,
               MailSettings settings) {
        this.jdbc = jdbc;
        this.transactions = transactions;
        this.senders = senders;
        this.settings = settings;
    }

    @Scheduled(fixedDelayString = "${portal.mail.delivery-interval:PT30S}",
            initialDelayString = "${portal.mail.delivery-interval:PT30S}")
    void deliverOnSchedule() {
        if (settings.canSend()) {
            deliverDue();
        }
    }

    /**
     * Sends the mails that are due, each in its own transaction and all over one SMTP connection, until none is left
     * or the server is not reachable (the rest waits for the next run rather than each waiting for a timeout). Mails
     * queued while it runs go out in the same run: delivery has a scheduler thread of its own, so a long run holds up
     * nothing else.
     *
     * @return how many mails the server accepted
     */
    public int deliverDue() {
        JavaMailSenderImpl sender = senders.getIfAvailable();
        if (sender == null || !settings.canSend()) {
            return 0;
        }
        int sent = 0;
        try (SmtpConnection connection = new SmtpConnection(sender)) {
            for (Outcome outcome = Outcome.SENT; outcome == Outcome.SENT || outcome == Outcome.FAILED; ) {
                outcome = transactions.execute(status -> deliverOne(connection));
                if (outcome == Outcome.SENT) {
                    sent++;
                }
            }
        }
        return sent;
    }

    private Outcome deliverOne(SmtpConnection connection) {
        Optional<Due> claimed = jdbc.sql(CLAIM)
                .query((rs, row) -> new Due(rs.getLong("id"), rs.getString("message_id"), rs.getString("recipient"),
                        rs.getString("subject"), rs.getString("body"), rs.getInt("attempts")))
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
                            update mail_outbox set attempts = attempts + 1, last_error = ?,
                                next_attempt_at = now() + make_interval(secs => ?) where id = ?""")
                    .params(describe(e), (double) wait.toSeconds(), mail.id()).update();
            log.warn("Mail {} not sent (attempt {}), next try in {}: {}", mail.id(), mail.attempts() + 1, wait,
                    describe(e));
            return concernsThisMailOnly(e) ? Outcome.FAILED : Outcome.SERVER_UNAVAILABLE;
        }
        jdbc.sql("update mail_outbox set sent_at = now(), attempts = attempts + 1, last_error = null where id = ?")
                .param(mail.id()).update();
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
