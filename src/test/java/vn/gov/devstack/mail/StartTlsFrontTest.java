package vn.gov.devstack.mail;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.mail.Message;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.util.Properties;
import org.junit.jupiter.api.Test;

/**
 * The mail catcher behind STARTTLS, as the benchmark's portal reaches it: a client with the portal's settings (STARTTLS
 * required, a user name and password given to connect) sends mail after mail over one connection.
 */
class StartTlsFrontTest {

    @Test
    void aClientThatRequiresStartTlsAndLogsInSendsMailAfterMailOverOneConnection() throws Exception {
        try (MailCatcher catcher = MailCatcher.start(0); StartTlsFront front = new StartTlsFront(catcher.port())) {
            Properties settings = new Properties();
            settings.put("mail.smtp.starttls.enable", "true");
            settings.put("mail.smtp.starttls.required", "true");
            // GreenMail's test certificate names no host: trusted here, and its name not checked (production checks it).
            settings.put("mail.smtp.ssl.trust", "127.0.0.1");
            settings.put("mail.smtp.ssl.checkserveridentity", "false");
            settings.put("mail.smtp.timeout", "10000");
            Session session = Session.getInstance(settings);
            try (Transport transport = session.getTransport("smtp")) {
                transport.connect("127.0.0.1", front.port(), "portal", "secret");
                for (int i = 1; i <= 2; i++) {
                    MimeMessage mail = new MimeMessage(session);
                    mail.setFrom(new InternetAddress("khong-tra-loi@dichvucong.dev"));
                    mail.setRecipient(Message.RecipientType.TO, new InternetAddress("citizen@example.vn"));
                    mail.setSubject("Hồ sơ " + i, "UTF-8");
                    mail.setText("Đã tiếp nhận", "UTF-8");
                    transport.sendMessage(mail, mail.getAllRecipients());
                }
            }

            assertThat(catcher.received()).extracting(MailCatcher.Mail::subject).containsExactly("Hồ sơ 1", "Hồ sơ 2");
            assertThat(front.handshakes()).as("one TLS session for the connection").isEqualTo(1);
            assertThat(front.logins()).as("one login, inside TLS").isEqualTo(1);
        }
    }
}
