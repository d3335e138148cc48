package vn.gov.portal.notification;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.mail.Message;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.time.Duration;
import java.util.Properties;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.mail.javamail.JavaMailSenderImpl;
import vn.gov.devstack.mail.MailCatcher;
import vn.gov.devstack.mail.MailRelay;

/** When a kept-open SMTP connection is checked before the next mail, and what happens when the server closed it. */
class SmtpConnectionTest {

    private MailCatcher catcher;
    private MailRelay relay;
    private JavaMailSenderImpl sender;

    @BeforeEach
    void start() {
        catcher = MailCatcher.start(0);
        relay = new MailRelay(catcher.port());
        sender = new JavaMailSenderImpl();
        sender.setHost("127.0.0.1");
        sender.setPort(relay.port());
        Properties properties = new Properties();
        properties.setProperty("mail.smtp.timeout", "10000");
        sender.setJavaMailProperties(properties);
    }

    @AfterEach
    void stop() {
        relay.close();
        catcher.close();
    }

    @Test
    void mailsBackToBackGoWithoutACheckBetweenThem() throws Exception {
        relay.hangUpAt("NOOP", 1);   // a check would end the connection
        try (SmtpConnection connection = new SmtpConnection(sender)) {
            for (int i = 1; i <= 3; i++) {
                connection.send(mail(connection, i));
            }
        }
        assertThat(catcher.messageIds()).hasSize(3).doesNotHaveDuplicates();
        assertThat(relay.connections()).isEqualTo(1);
    }

    @Test
    void anIdleConnectionIsCheckedAndOneTheServerClosedIsReplaced() throws Exception {
        relay.hangUpAt("NOOP", 2);   // the check before the third mail finds the connection closed
        try (SmtpConnection connection = new SmtpConnection(sender, Duration.ZERO)) {   // idle at once
            for (int i = 1; i <= 3; i++) {
                connection.send(mail(connection, i));
            }
        }
        assertThat(catcher.messageIds()).hasSize(3).doesNotHaveDuplicates();
        assertThat(relay.connections()).isEqualTo(2);
    }

    private static MimeMessage mail(SmtpConnection connection, int n) throws Exception {
        MimeMessage message = new MimeMessage(connection.session());
        message.setFrom(new InternetAddress("khong-tra-loi@dichvucong.dev"));
        message.setRecipient(Message.RecipientType.TO, new InternetAddress("cong.dan@example.vn"));
        message.setSubject("Thư số " + n, "UTF-8");
        message.setText("Nội dung thư số " + n, "UTF-8");
        return message;
    }
}
