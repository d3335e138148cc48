package vn.gov.portal.attachment;

import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Attachments in PostgreSQL ({@code attachment_content}, bytea): in the same transaction as the metadata and the
 * dossier, backed up with them, and removed with a draft by the foreign key's cascade. At 10 MB a file and 20 files
 * a dossier this is well within what bytea handles.
 */
@Component
class DatabaseAttachmentStore implements AttachmentStore {

    private final JdbcClient jdbc;

    DatabaseAttachmentStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public void put(UUID attachmentId, byte[] content) {
        jdbc.sql("insert into attachment_content (attachment_id, content) values (?, ?)")
                .params(attachmentId, content).update();
    }

    @Override
    public Optional<byte[]> get(UUID attachmentId) {
        return jdbc.sql("select content from attachment_content where attachment_id = ?").param(attachmentId)
                .query((rs, n) -> rs.getBytes(1)).optional();
    }

    @Override
    public void delete(UUID attachmentId) {
        jdbc.sql("delete from attachment_content where attachment_id = ?").param(attachmentId).update();
    }
}
