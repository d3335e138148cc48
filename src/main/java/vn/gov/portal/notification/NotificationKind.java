package vn.gov.portal.notification;

import java.util.Optional;

/** What a notification tells; most are the dossier reaching a national status code. */
public enum NotificationKind {
    RECEIVED, REFUSED, SUPPLEMENT, STOPPED, COMPLETED, RETURNED, EXTENDED,
    /** The procedure's lawful longer deadline applies: a new date, no apology (EXTENDED is for a late dossier). */
    LONGER_DEADLINE,
    /** Payment asked for after filing (status 6 reached by a decision): e.g. an exemption ground not accepted. */
    FEE_DUE,
    /** To the other party named in the dossier (workflow.party): it waits for their confirmation. */
    AWAITING_PARTY,
    /** To the applicant: the other party declined, which ended the dossier before it reached the agency. */
    PARTY_DECLINED,
    /** To the other party: the applicant withdrew the dossier that waited for their confirmation. */
    APPLICANT_WITHDREW,
    /** To the other party: the applicant withdrew the dossier after they confirmed it. */
    APPLICANT_WITHDREW_CONFIRMED,
    /**
     * To each citizen of the dossier: the register's conditions refused a step and the portal ended the dossier; the
     * detail is the message code of what this citizen may be told (RegisterGuard.Unmet).
     */
    CONDITIONS_UNMET,
    /** To the applicant: a payment held for reconciliation was found unpaid, so they may pay again. */
    PAYMENT_NOT_PAID,
    /**
     * To the other party who confirmed the dossier: the agency refused it at intake, stopped it, decided it or handed
     * its result over. The outcome only, never the reason the officer wrote to the applicant.
     */
    CONFIRMED_REFUSED, CONFIRMED_STOPPED, CONFIRMED_COMPLETED, CONFIRMED_RETURNED;

    /** The status codes a citizen is told about when a move reaches them: the ones that ask something of them (a
     * supplement, a payment), end the dossier or bring a result. */
    static Optional<NotificationKind> reaching(int status) {
        switch (status) {
            case 2: return Optional.of(RECEIVED);
            case 3: return Optional.of(REFUSED);
            case 5: return Optional.of(SUPPLEMENT);
            case 6: return Optional.of(FEE_DUE);
            case 8: return Optional.of(STOPPED);
            case 9: return Optional.of(COMPLETED);
            case 10: return Optional.of(RETURNED);
            default: return Optional.empty();
        }
    }

    /** What the other party who confirmed the dossier is told of an outcome the applicant is told as this kind. */
    Optional<NotificationKind> toConfirmingParty() {
        switch (this) {
            case REFUSED: return Optional.of(CONFIRMED_REFUSED);
            case STOPPED: return Optional.of(CONFIRMED_STOPPED);
            case COMPLETED: return Optional.of(CONFIRMED_COMPLETED);
            case RETURNED: return Optional.of(CONFIRMED_RETURNED);
            default: return Optional.empty();
        }
    }

    /** The part of the message keys for this kind: {@code notification.<key>.title}, {@code notification.<key>.text}. */
    String key() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
