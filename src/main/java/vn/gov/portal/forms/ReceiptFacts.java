package vn.gov.portal.forms;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import vn.gov.portal.catalog.ProcedureDefinition;
import vn.gov.portal.dossier.Dossier;
import vn.gov.portal.payment.PaidFees;

/**
 * What a receipt (form 01 / CT04) states that can change after it was issued: when the agency received the dossier,
 * the amount an officer confirmed ({@code setsAmount}), the fee paid, or the exemption asked for (only while no fee
 * is paid and the receiver has not refused the ground). The receipt is drawn from these, and a receipt whose facts
 * are no longer the dossier's is superseded ({@link Receipts}). The appointment date is not among them: a later date
 * has its own document (form 04) or notice.
 *
 * @param receivedAt when the agency received the dossier ({@code dossier.received_at}); the filing while it has not
 *                   (a marriage awaiting the partner's confirmation)
 */
record ReceiptFacts(Instant receivedAt, Long amountDueVnd, PaidFees.Paid paid, ProcedureDefinition.Exemption exemption) {

    /**
     * The time the receipt's "Thời gian nhận hồ sơ" states: the agency's receipt of the dossier, which for a fee paid
     * before intake is the payment and for an exemption ground is the filing, whatever was paid later.
     */
    static Instant receivedAt(Dossier dossier) {
        return dossier.receivedAt() != null ? dossier.receivedAt() : dossier.submittedAt();
    }

    /** Canonical text of the facts, stored with the receipt and compared with the dossier's facts now. */
    String fingerprint() {
        return "received=" + millis(receivedAt) + ";amountDue=" + (amountDueVnd == null ? "" : amountDueVnd)
                + ";paid=" + (paid == null ? "" : paid.amountVnd() + "@" + millis(paid.paidAt()) + "#" + paid.gatewayTxn())
                + ";exemption=" + (exemption == null ? "" : exemption.id());
    }

    /**
     * Whether a receipt drawn before the portal recorded what receipts state (before V43) states what this one would,
     * whenever it was drawn: nothing was paid or confirmed, no ground refused, and it was received when filed (the
     * time those receipts printed). Otherwise what it states is unknown, and it is superseded.
     */
    boolean sameAsAnyEarlierDrawing(Dossier dossier) {
        return paid == null && amountDueVnd == null && !dossier.feeExemptionRefused()
                && (dossier.receivedAt() == null || dossier.receivedAt().equals(dossier.submittedAt()));
    }

    /** PostgreSQL keeps microseconds, a Java clock may give nanoseconds: the same instant must print the same. */
    private static String millis(Instant at) {
        return at == null ? "" : at.truncatedTo(ChronoUnit.MILLIS).toString();
    }
}
