package vn.gov.portal.catalog;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;

/** One version of a procedure as stored: its YAML text exactly in the workflows/ format, and who made it what. */
public record StoredVersion(String code, int version, String source, Status status, String createdBy, Instant createdAt,
                            String publishedBy, Instant publishedAt) {

    public enum Status { DRAFT, PUBLISHED, SUPERSEDED }

    public boolean isDraft() {
        return status == Status.DRAFT;
    }

    public boolean isPublished() {
        return status == Status.PUBLISHED;
    }

    /** Short fingerprint of the text for the audit log: shows whether two versions say exactly the same. */
    public String hash() {
        return hash(source);
    }

    public static String hash(String text) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
