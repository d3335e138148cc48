package vn.gov.portal.notification;

import java.util.Optional;

/** What a notification tells; most are the dossier reaching a national status code. */
public enum NotificationKind {
    RECEIVED, REFUSED, SUPPLEMENT, STOPPED, COMPLETED, RETURNED, EXTENDED,
    /** The procedure's lawful longer deadline applies: a new date, no apology (EXTENDED is for a late dossier). */
    LONGER_DEADLINE,
    /** To the other party named in the dossier (workflow.party): it waits for their confirmation. */
    AWAITING_PARTY;

    /** The status codes a citizen is told about: the ones that ask something of them, end the dossier or bring a result. */
    static Optional<NotificationKind> reaching(int status) {
        switch (status) {
            case 2: return Optional.of(RECEIVED);
            case 3: return Optional.of(REFUSED);
            case 5: return Optional.of(SUPPLEMENT);
            case 8: return Optional.of(STOPPED);
            case 9: return Optional.of(COMPLETED);
            case 10: return Optional.of(RETURNED);
            default: return Optional.empty();
        }
    }

    /** The part of the message keys for this kind: {@code notification.<key>.title}, {@code notification.<key>.text}. */
    String key() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
