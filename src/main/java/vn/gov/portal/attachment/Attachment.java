package vn.gov.portal.attachment;

import java.time.Instant;
import java.util.UUID;

/** A file attached to a dossier: what it answers, what it is (from its content), and who added it when. */
public record Attachment(UUID id, UUID dossierId, String documentId, String fileName, FileType type, int size,
                         String sha256, String uploadedBy, Instant uploadedAt, boolean supplement) {

    /** Size for people: "245 KB", "3,4 MB". */
    public String displaySize() {
        if (size < 1024 * 1024) {
            return Math.max(1, Math.round(size / 1024.0)) + " KB";
        }
        return String.format(java.util.Locale.forLanguageTag("vi"), "%.1f MB", size / (1024.0 * 1024.0));
    }
}
