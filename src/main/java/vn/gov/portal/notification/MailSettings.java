package vn.gov.portal.notification;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Whether e-mail can be sent, and the portal's public address for links in mails. Missing SMTP settings do not stop
 * the start: the portal's work does not depend on mail, the in-app notifications still appear, and the mails wait
 * in the outbox until the settings are given (a warning at start and the {@code mailOutbox} health entry say so).
 */
@Component
public class MailSettings {

    private static final Logger log = LoggerFactory.getLogger(MailSettings.class);

    private final String host;
    private final String from;
    private final String publicUrl;

    MailSettings(@Value("${spring.mail.host:}") String host, @Value("${portal.mail.from:}") String from,
                 @Value("${portal.public-url:}") String publicUrl) {
        this.host = host.strip();
        this.from = from.strip();
        this.publicUrl = publicUrl.strip().replaceAll("/+$", "");
    }

    /** The environment variables that are missing for sending mail; empty when mail can go out. */
    public List<String> missing() {
        List<String> missing = new ArrayList<>();
        if (host.isEmpty()) {
            missing.add("PORTAL_SMTP_HOST");
        }
        if (from.isEmpty()) {
            missing.add("PORTAL_MAIL_FROM");
        }
        return missing;
    }

    public boolean canSend() {
        return missing().isEmpty();
    }

    String from() {
        return from;
    }

    /** An absolute link to a page of the portal; only the path if the public address is not set. */
    String link(String path) {
        return publicUrl + path;
    }

    /** The right-hand side of our Message-IDs: the sender's domain, which is ours. */
    String messageIdDomain() {
        int at = from.lastIndexOf('@');
        if (at >= 0 && at < from.length() - 1) {
            return from.substring(at + 1).replaceAll("[^A-Za-z0-9.-]", "");
        }
        String portalHost = publicUrl.isEmpty() ? null : URI.create(publicUrl).getHost();
        return portalHost != null ? portalHost : "portal.invalid";
    }

    @EventListener(ApplicationReadyEvent.class)
    void warnIfIncomplete() {
        if (!canSend()) {
            log.warn("""

                    ********************************************************************************
                     E-MAIL NOTIFICATIONS ARE NOT SENT: {} not set.
                     Citizens still see their notifications in the portal; the mails wait in the
                     outbox (table mail_outbox) and go out once the settings are given and the
                     portal restarted. See docs/operations.md, "E-mail".
                    ********************************************************************************""",
                    String.join(", ", missing()));
        }
        if (publicUrl.isEmpty()) {
            log.warn("PORTAL_PUBLIC_URL is not set: links in notification mails carry only the path of the page");
        }
    }
}
