package vn.gov.portal.notification;

import java.time.format.DateTimeFormatter;
import java.util.Locale;
import org.springframework.context.MessageSource;
import org.springframework.stereotype.Component;
import vn.gov.portal.catalog.ProcedureCatalog;

/** The words of a notification, from the message bundles: on the page in the reader's language, in a mail in both. */
@Component
class NotificationTexts {

    static final Locale VIETNAMESE = Locale.forLanguageTag("vi");
    private static final DateTimeFormatter VI_DATE = DateTimeFormatter.ofPattern("dd/MM/yyyy");
    private static final DateTimeFormatter EN_DATE = DateTimeFormatter.ofPattern("d MMMM yyyy", Locale.ENGLISH);

    /** A mail as stored in the outbox: plain text, Vietnamese first with the English below. */
    record Mail(String subject, String body) {}

    private final MessageSource messages;
    private final ProcedureCatalog catalog;

    NotificationTexts(MessageSource messages, ProcedureCatalog catalog) {
        this.messages = messages;
        this.catalog = catalog;
    }

    String title(Notice notice, Locale locale) {
        return message("notification." + notice.kind().key() + ".title", locale, notice.receiptCode());
    }

    /** The sentence: receipt code {0}, procedure {1}, what is asked or the reason {2}, the date {3}. */
    String text(Notice notice, Locale locale) {
        String date = notice.dueDate() == null ? ""
                : notice.dueDate().format(english(locale) ? EN_DATE : VI_DATE);
        return message("notification." + notice.kind().key() + ".text", locale, notice.receiptCode(),
                procedureName(notice, locale), detail(notice, locale), date);
    }

    /**
     * A lawful longer deadline's reason is the definition's, in the reader's language (stored: the Vietnamese). The
     * other party may decline without a reason: theirs, when given, comes as a sentence of its own. The register's
     * conditions are stored as the message code of what this reader may know.
     */
    private String detail(Notice notice, Locale locale) {
        if (notice.kind() == NotificationKind.LONGER_DEADLINE) {
            var longer = catalog.get(notice.procedureCode(), notice.procedureVersion()).deadline().longer();
            if (longer != null) {
                return longer.reason().in(locale);
            }
        }
        if (notice.kind() == NotificationKind.CONDITIONS_UNMET && notice.detail() != null) {
            return message(notice.detail(), locale);
        }
        if (notice.kind() == NotificationKind.PARTY_DECLINED && notice.detail() != null) {
            return message("notification.party_declined.reason", locale, notice.detail());
        }
        return notice.detail() == null ? "" : notice.detail();
    }

    /**
     * The citizen's language choice lives in their browser session, which is gone when the mail is written: the mail
     * is in Vietnamese, with the English text below it.
     */
    Mail mail(Notice notice, String applicantName, String link) {
        String subject = title(notice, VIETNAMESE) + " / " + title(notice, Locale.ENGLISH);
        String body = part(notice, applicantName, link, VIETNAMESE) + "\n\n----------------------------------------\n\n"
                + part(notice, applicantName, link, Locale.ENGLISH);
        return new Mail(subject, body);
    }

    private String part(Notice notice, String applicantName, String link, Locale locale) {
        return message("notification.mail.greeting", locale, applicantName) + "\n\n"
                + text(notice, locale) + "\n\n"
                + message("notification.mail.link", locale, link) + "\n\n"
                + message("notification.mail.footer", locale);
    }

    private String procedureName(Notice notice, Locale locale) {
        return catalog.find(notice.procedureCode()).map(d -> d.name().in(locale)).orElse(notice.procedureCode());
    }

    private String message(String code, Locale locale, Object... args) {
        return messages.getMessage(code, args, locale);
    }

    private static boolean english(Locale locale) {
        return "en".equals(locale.getLanguage());
    }
}
