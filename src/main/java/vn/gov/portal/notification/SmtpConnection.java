package vn.gov.portal.notification;

import jakarta.mail.MessagingException;
import jakarta.mail.SendFailedException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.MimeMessage;
import java.time.Duration;
import java.util.Date;
import org.eclipse.angus.mail.smtp.SMTPSendFailedException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.mail.javamail.JavaMailSenderImpl;
import org.springframework.util.ClassUtils;

/**
 * One connection to the SMTP server, kept open for a whole delivery run, with the settings of Spring's mail sender
 * ({@code spring.mail.*}). Opening a connection costs the server's greeting, STARTTLS's handshake and the login;
 * sending one more mail on an open connection costs four round trips (the sender, the recipient, the data and its
 * end). Spring's sender opens one per {@code send} of a single message, which is why the outbox does not use it.
 *
 * <p>A connection that carried a mail in the last few seconds is used without checking it first: the check (a NOOP,
 * as Spring's sender makes between the messages of one call) would be a fifth round trip for every mail. If the
 * server has closed it meanwhile (after its limit of mails per connection), the mail's first command fails before
 * the server has any of it, and the mail goes once more over a new connection. A failure after the end of the mail
 * was sent is never repeated at once: the server may have taken the mail and only its reply been lost.
 * A connection idle for longer is checked, and replaced if closed.
 */
final class SmtpConnection implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(SmtpConnection.class);
    /** Well under the idle timeouts of SMTP servers (RFC 5321 asks for at least five minutes). */
    static final Duration TRUSTED_AFTER_USE = Duration.ofSeconds(5);
    private static final String STREAM_PROVIDER = "jakarta.mail.util.StreamProvider";
    private static final String ANGUS_STREAM_PROVIDER = "org.eclipse.angus.mail.util.MailStreamProvider";

    static {
        // Jakarta Mail 2.1 looks its stream provider up with a ServiceLoader for every header it encodes and every body
        // it writes (jakartaee/mail-api#861): a scan of all jars on the class path, a quarter of a mail's CPU (JFR).
        // Named, each lookup is a class lookup. Only if nobody chose another implementation, and if Angus Mail (the
        // one Spring Boot brings) is there.
        if (System.getProperty(STREAM_PROVIDER) == null
                && ClassUtils.isPresent(ANGUS_STREAM_PROVIDER, SmtpConnection.class.getClassLoader())) {
            System.setProperty(STREAM_PROVIDER, ANGUS_STREAM_PROVIDER);
        }
    }

    private final JavaMailSenderImpl settings;
    private final long trustedAfterUseNanos;
    private Transport transport;
    private long lastUsedNanos;

    SmtpConnection(JavaMailSenderImpl settings) {
        this(settings, TRUSTED_AFTER_USE);
    }

    /** @param trustedAfterUse how long after a mail the connection carries the next one unchecked */
    SmtpConnection(JavaMailSenderImpl settings, Duration trustedAfterUse) {
        this.settings = settings;
        this.trustedAfterUseNanos = trustedAfterUse.toNanos();
    }

    Session session() {
        return settings.getSession();
    }

    /**
     * Sends the message to its recipients. A {@link SendFailedException} concerns this message (an address
     * refused); any other {@link MessagingException} the server or the connection, which is then closed.
     */
    void send(MimeMessage message) throws MessagingException {
        if (message.getSentDate() == null) {
            message.setSentDate(new Date());
        }
        message.saveChanges();
        if (transport != null && System.nanoTime() - lastUsedNanos < trustedAfterUseNanos) {
            try {
                sendOver(transport, message);
                return;
            } catch (MessagingException e) {
                if (!closedBeforeTheMail(e)) {
                    throw e;
                }
                log.debug("SMTP connection closed by the server since the last mail; once more over a new one: {}",
                        e.getMessage());
                close();
            }
        }
        sendOver(transport(), message);
    }

    /**
     * Whether a send failed on a connection that was gone before the server had the whole mail: the sender's command
     * got no answer or the server's "closing" (421), or writing failed before the end of the data. A refused address,
     * or no answer to the end of the data (the server may have the mail), is not.
     */
    private static boolean closedBeforeTheMail(MessagingException e) {
        if (e instanceof SMTPSendFailedException failed) {
            return failed.getCommand() != null && failed.getCommand().startsWith("MAIL FROM")
                    && (failed.getReturnCode() == -1 || failed.getReturnCode() == 421);
        }
        return !(e instanceof SendFailedException);
    }

    private void sendOver(Transport open, MimeMessage message) throws MessagingException {
        try {
            open.sendMessage(message, message.getAllRecipients());
            lastUsedNanos = System.nanoTime();
        } catch (SendFailedException e) {
            lastUsedNanos = System.nanoTime();
            throw e;
        } catch (MessagingException e) {
            close();
            throw e;
        }
    }

    private Transport transport() throws MessagingException {
        if (transport != null && !transport.isConnected()) {
            close();
        }
        if (transport == null) {
            Transport opened = session().getTransport(settings.getProtocol() != null ? settings.getProtocol() : "smtp");
            opened.connect(settings.getHost(), settings.getPort(), blankAsNull(settings.getUsername()),
                    blankAsNull(settings.getPassword()));
            transport = opened;
        }
        return transport;
    }

    /** An empty user name means no login (PORTAL_SMTP_USERNAME not set), as in Spring's sender. */
    private static String blankAsNull(String value) {
        return value == null || value.isEmpty() ? null : value;
    }

    @Override
    public void close() {
        if (transport != null) {
            try {
                transport.close();
            } catch (MessagingException e) {
                // The connection is gone either way; the next mail opens a new one.
            } finally {
                transport = null;
            }
        }
    }
}
