package vn.gov.portal.forms;

import java.time.Instant;
import java.util.UUID;

/**
 * A document as it was issued: its verification code, what it is, and the SHA-256 of its PDF (null until the PDF is
 * first downloaded and drawn).
 */
public record IssuedDocument(String code, UUID dossierId, OneStopForm form, Instant issuedAt, long agencyId,
                             String sha256) {}
