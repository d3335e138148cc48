package vn.gov.portal.attachment;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The attachments' metadata; the bytes are in the {@link AttachmentStore}. */
@Repository
class AttachmentRepository {

    private static final String COLUMNS = """
            select id, dossier_id, document_id, file_name, content_type, size_bytes, sha256, uploaded_by, uploaded_at,
                   supplement
            from attachment
            """;

    /** The dossier row, read under lock so that counting and adding files cannot race with a second upload. */
    record LockedDossier(String state, Integer statusCode, String applicant) {}

    private final JdbcClient jdbc;

    AttachmentRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    Optional<LockedDossier> lockDossier(UUID dossierId) {
        return jdbc.sql("select state, status_code, applicant_id_number from dossier where id = ? for update")
                .param(dossierId)
                .query((rs, n) -> new LockedDossier(rs.getString(1), rs.getObject(2, Integer.class), rs.getString(3)))
                .optional();
    }

    /** @param uploadId the id of the upload form's rendering, or null when the form had none */
    void insert(Attachment a, UUID uploadId) {
        jdbc.sql("""
                        insert into attachment (id, dossier_id, document_id, file_name, content_type, size_bytes, sha256,
                                                uploaded_by, uploaded_at, supplement, upload_id)
                        values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")
                .params(a.id(), a.dossierId(), a.documentId(), a.fileName(), a.type().mediaType(), a.size(), a.sha256(),
                        a.uploadedBy(), java.sql.Timestamp.from(a.uploadedAt()), a.supplement(), uploadId)
                .update();
    }

    /** The file a post of this upload form already stored for the document (V35's unique key). */
    Optional<Attachment> findUpload(UUID dossierId, UUID uploadId, String documentId, String sha256) {
        return jdbc.sql(COLUMNS + "where dossier_id = ? and upload_id = ? and document_id = ? and sha256 = ?")
                .params(dossierId, uploadId, documentId, sha256).query(this::map).optional();
    }

    Optional<Attachment> find(UUID id) {
        return jdbc.sql(COLUMNS + "where id = ?").param(id).query(this::map).optional();
    }

    List<Attachment> ofDossiers(Collection<UUID> dossierIds) {
        if (dossierIds.isEmpty()) {
            return List.of();
        }
        return jdbc.sql(COLUMNS + "where dossier_id in (:ids) order by uploaded_at, id").param("ids", dossierIds)
                .query(this::map).list();
    }

    /** The files of the citizen's draft with this id; none when the id is not a draft of theirs. */
    List<Attachment> ofDraft(UUID draftId, String applicant) {
        return jdbc.sql(COLUMNS + """
                        where dossier_id = (select id from dossier where id = ? and applicant_id_number = ? and state = 'draft')
                        order by uploaded_at, id""")
                .params(draftId, applicant).query(this::map).list();
    }

    int count(UUID dossierId) {
        return jdbc.sql("select count(*) from attachment where dossier_id = ?").param(dossierId)
                .query(Integer.class).single();
    }

    void delete(UUID id) {
        jdbc.sql("delete from attachment where id = ?").param(id).update();
    }

    private Attachment map(ResultSet rs, int row) throws SQLException {
        return new Attachment(rs.getObject("id", UUID.class), rs.getObject("dossier_id", UUID.class),
                rs.getString("document_id"), rs.getString("file_name"),
                FileType.ofMediaType(rs.getString("content_type")).orElseThrow(), rs.getInt("size_bytes"),
                rs.getString("sha256"), rs.getString("uploaded_by"), rs.getTimestamp("uploaded_at").toInstant(),
                rs.getBoolean("supplement"));
    }
}
