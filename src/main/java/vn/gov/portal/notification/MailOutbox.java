package vn.gov.portal.notification;

import jakarta.mail.MessagingException;
import jakarta.mail.SendFailedException;
import jakarta.mail.internet.MimeMessage;
import java.time.Duration;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mail.MailException;
import org.springframework.mail.MailPreparationException;
import org.springframework.mail.MailSendException;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.mail.javamail.MimeMessageHelper;
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
    static final Duration FIRST_RETRY = Duration.ofMinutes(1);
    /** Retries never stop (a mail is only done when a server took it), but they slow down to this. */
    static final Duration MAX_RETRY = Duration.ofHours(1);
    private static final int BATCH = 200;

    private enum Outcome { NOTHING_DUE, SENT, FAILED, SERVER_UNAVAILABLE }

    private record Due(long id, String messageId, String recipient, String subject, String body, int attempts) {}

    private final JdbcClient jdbc;
    private final TransactionTemplate transactions;
    private final ObjectProvider<JavaMailSender> senders;
    private final MailSettings settings;

    MailOutbox(JdbcClient jdbc, TransactionTemplate transactions, ObjectProvider<JavaMailSender> senders,
               MailSettings settings) {
        this.jdbc = jdbc;
        this.transactions = transactions;
        this.senders = senders;
        this.settings = settings;
    }

    @Scheduled(fixedDelayString = "${portal.mail.delivery-interval:PT30S}", initialDelayString = "PT15S")
    void deliverOnSchedule() {
        if (settings.canSend()) {
            deliverDue();
        }
    }

    /**
     * Sends the mails that are due, each in its own transaction, until none is left, the batch is done, or the server
     * is not reachable (the rest waits for the next run rather than each waiting for a timeout).
     *
     * @return how many mails the server accepted
     */
    public int deliverDue() {
        JavaMailSender sender = senders.getIfAvailable();
        if (sender == null || !settings.canSend()) {
            return 0;
        }
        int sent = 0;
        for (int i = 0; i < BATCH; i++) {
            Outcome outcome = transactions.execute(status -> deliverOne(sender));
            if (outcome == Outcome.SENT) {
                sent++;
            } else if (outcome == Outcome.NOTHING_DUE || outcome == Outcome.SERVER_UNAVAILABLE) {
                break;
            }
        }
        return sent;
    }

    private Outcome deliverOne(JavaMailSender sender) {
        Optional<Due> claimed = jdbc.sql("""
                        select id, message_id, recipient, subject, body, attempts from mail_outbox
                        where sent_at is null and next_attempt_at <= now()
                        order by next_attempt_at, id limit 1 for update skip locked""")
                .query((rs, row) -> new Due(rs.getLong("id"), rs.getString("message_id"), rs.getString("recipient"),
                        rs.getString("subject"), rs.getString("body"), rs.getInt("attempts")))
                .optional();
        if (claimed.isEmpty()) {
            return Outcome.NOTHING_DUE;
        }
        Due mail = claimed.get();
        try {
            sender.send(message(sender, mail));
        } catch (MailException e) {
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

    private MimeMessage message(JavaMailSender sender, Due mail) {
        MimeMessage message = sender.createMimeMessage();
        try {
            MimeMessageHelper helper = new MimeMessageHelper(message, "UTF-8");
            helper.setFrom(settings.from());
            helper.setTo(mail.recipient());
            helper.setSubject(mail.subject());
            helper.setText(mail.body());
            // JavaMailSenderImpl keeps a Message-ID that was set explicitly instead of generating a new one.
            message.setHeader("Message-ID", mail.messageId());
        } catch (MessagingException e) {
            throw new MailPreparationException(e);
        }
        return message;
    }

    /** 1, 2, 4 … minutes after each failed attempt, at most an hour. */
    static Duration backoff(int attempts) {
        long minutes = FIRST_RETRY.toMinutes() << Math.min(attempts - 1, 10);
        return minutes >= MAX_RETRY.toMinutes() ? MAX_RETRY : Duration.ofMinutes(minutes);
    }

    /** An address the server refused, or a message we could not build, is this mail's problem, not the server's. */
    private static boolean concernsThisMailOnly(MailException e) {
        if (e instanceof MailPreparationException) {
            return true;
        }
        return e instanceof MailSendException send && send.getFailedMessages().values().stream()
                .anyMatch(cause -> cause instanceof SendFailedException);
    }

    private static String describe(Exception e) {
        StringBuilder text = new StringBuilder(String.valueOf(e.getMessage()));
        for (Throwable cause = e.getCause(); cause != null && cause != cause.getCause(); cause = cause.getCause()) {
            text.append(" / ").append(cause.getMessage());
        }
        return text.length() > 1000 ? text.substring(0, 1000) : text.toString();
    }
}
