package vn.gov.portal.attachment;

import java.util.Optional;
import java.util.UUID;

/**
 * Where the bytes of attachments live, by attachment id; the metadata (type, size, checksum, owner) is kept by the
 * portal itself. PostgreSQL now ({@link DatabaseAttachmentStore}); an object store (S3, MinIO) could take its place
 * without touching the rest, as long as it writes within the caller's transaction or cleans up after a rollback.
 */
public interface AttachmentStore {

    void put(UUID attachmentId, byte[] content);

    Optional<byte[]> get(UUID attachmentId);

    void delete(UUID attachmentId);
}
