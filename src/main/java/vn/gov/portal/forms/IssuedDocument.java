package vn.gov.portal.forms;

import java.time.Instant;
import java.util.UUID;

/**
 * A document as it was issued: its verification code, what it is, and the SHA-256 of its PDF (null until the PDF is
 * first downloaded and drawn). A receipt also records the facts it states ({@link ReceiptFacts#fingerprint()}) and,
 * once they changed, the receipt that replaced it.
 */
public record IssuedDocument(String code, UUID dossierId, OneStopForm form, Instant issuedAt, long agencyId,
                             String sha256, String facts, String supersededBy) {

    /** Its PDF was drawn (and may have been printed): from then on what it states is never rewritten. */
    boolean drawn() {
        return sha256 != null;
    }
}
