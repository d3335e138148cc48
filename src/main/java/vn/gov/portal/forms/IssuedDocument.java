package vn.gov.portal.forms;

import java.time.Instant;
import java.util.UUID;

/** A PDF as it was issued: its verification code, what it is, and the exact bytes with their SHA-256. */
public record IssuedDocument(String code, UUID dossierId, OneStopForm form, Instant issuedAt, long agencyId,
                             String sha256, byte[] pdf) {}
