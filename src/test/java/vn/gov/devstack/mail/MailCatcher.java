package vn.gov.devstack.mail;

import com.icegreen.greenmail.configuration.GreenMailConfiguration;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import vn.gov.devstack.LoopbackPorts;

/**
 * A real SMTP server in the JVM (GreenMail) on 127.0.0.1 that accepts every mail for any address and keeps it in
 * memory. The portal sends to it exactly as to a production server (plain SMTP, no STARTTLS); people read what
 * arrived at {@code /mail} on the e-ID provider's server ({@link MailCatcherPages}), tests through {@link #received()}.
 */
public final class MailCatcher implements AutoCloseable {

    /** What the inbox shows of one mail. */
    public record Mail(int number, String messageId, String to, String from, String subject, Instant receivedAt,
                       String text) {}

    private final GreenMail greenMail;
    private final int port;

    private MailCatcher(GreenMail greenMail, int port) {
        this.greenMail = greenMail;
        this.port = port;
    }

    /** @param port the SMTP port, 0 for a free one (chosen now, so that a restart keeps it) */
    public static MailCatcher start(int port) {
        int actualPort = port != 0 ? port : LoopbackPorts.free();
        GreenMail greenMail = new GreenMail(new ServerSetup(actualPort, "127.0.0.1", ServerSetup.PROTOCOL_SMTP))
                .withConfiguration(GreenMailConfiguration.aConfig().withDisabledAuthentication());
        greenMail.start();
        return new MailCatcher(greenMail, actualPort);
    }

    public int port() {
        return port;
    }

    /** Stops accepting mail, as a mail server that is down: connections are refused. Mails received so far stay. */
    public void stop() {
        greenMail.stop();
    }

    /** Accepts mail again on the same port. */
    public void restart() {
        if (!greenMail.isRunning()) {
            greenMail.start();
        }
    }

    public boolean isRunning() {
        return greenMail.isRunning();
    }

    /** Every mail received, oldest first (numbered from 1 in that order). */
    public List<Mail> received() {
        MimeMessage[] messages = greenMail.getReceivedMessages();
        return java.util.stream.IntStream.range(0, messages.length).mapToObj(i -> mail(i + 1, messages[i])).toList();
    }

    /** The Message-ID of every mail received, oldest first: cheaper than {@link #received()} for many mails. */
    public List<String> messageIds() {
        return Arrays.stream(greenMail.getReceivedMessages()).map(message -> {
            try {
                return message.getMessageID();
            } catch (MessagingException e) {
                throw new IllegalStateException(e);
            }
        }).toList();
    }

    /** Forgets every mail received so far (the benchmark counts the mails of one scenario). */
    public void purge() {
        try {
            greenMail.purgeEmailFromAllMailboxes();
        } catch (com.icegreen.greenmail.store.FolderException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Mail mail(int number, MimeMessage message) {
        try {
            Instant at = message.getReceivedDate() != null ? message.getReceivedDate().toInstant()
                    : message.getSentDate() != null ? message.getSentDate().toInstant() : null;
            String to = message.getAllRecipients() == null ? ""
                    : String.join(", ", Arrays.stream(message.getAllRecipients()).map(Object::toString).toList());
            String from = message.getFrom() == null ? ""
                    : String.join(", ", Arrays.stream(message.getFrom()).map(Object::toString).toList());
            return new Mail(number, message.getMessageID(), to, from, message.getSubject(), at, text(message));
        } catch (MessagingException e) {
            throw new IllegalStateException(e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The plain text of a mail: its body, or its first text/plain part. */
    private static String text(Part part) throws MessagingException, IOException {
        if (part.isMimeType("text/*")) {
            return String.valueOf(part.getContent());
        }
        if (part.getContent() instanceof Multipart multipart) {
            for (int i = 0; i < multipart.getCount(); i++) {
                String text = text(multipart.getBodyPart(i));
                if (text != null) {
                    return text;
                }
            }
        }
        return null;
    }

    @Override
    public void close() {
        greenMail.stop();
    }
}
