package vn.gov.portal.forms;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import vn.gov.portal.dossier.Dossier;

/**
 * The register of issued documents. A document is issued once per dossier, form and the event it records: its code
 * when first listed, its PDF when first downloaded; the bytes are kept, so every later download is the identical file
 * and its SHA-256 keeps matching (rendering again would change the timestamps inside the PDF).
 */
@Repository
class IssuedDocuments {

    private static final String COLUMNS = "code, dossier_id, form, issued_at, agency_id, sha256";

    private final JdbcClient jdbc;

    IssuedDocuments(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * The document issued for this event, issuing its code now if it never was; its PDF is not drawn yet
     * ({@link #pdf}). Two first views at once: one insert wins, both return the winner's code.
     */
    IssuedDocument issue(Dossier dossier, OneStopForm form, Instant eventAt) {
        return find(dossier.id(), form, eventAt).orElseGet(() -> issueNew(dossier, form, eventAt));
    }

    /** As {@link #issue}, for a document that cannot have been issued yet (the receipt, as the dossier is filed). */
    IssuedDocument issueNew(Dossier dossier, OneStopForm form, Instant eventAt) {
        return jdbc.sql("""
                        insert into issued_document (code, dossier_id, form, event_at, agency_id)
                        values (?, ?, ?, ?, ?) on conflict (dossier_id, form, event_at) do nothing
                        """ + "returning " + COLUMNS)
                .params(VerificationCode.random(), dossier.id(), form.number(), Timestamp.from(eventAt),
                        dossier.agencyId())
                .query(IssuedDocuments::map).optional()
                .or(() -> find(dossier.id(), form, eventAt)).orElseThrow();
    }

    /**
     * The document's PDF, drawn by {@code render} (given the code to print) on the first download and kept, so every
     * later download is the identical file. Two first downloads at once: both draw, the first update wins, both
     * return the winner's file.
     */
    byte[] pdf(IssuedDocument document, Function<String, byte[]> render) {
        Optional<byte[]> stored = storedPdf(document.code());
        if (stored.isPresent()) {
            return stored.get();
        }
        byte[] pdf = render.apply(document.code());
        jdbc.sql("update issued_document set pdf = ?, sha256 = ? where code = ? and pdf is null")
                .params(pdf, sha256(pdf), document.code()).update();
        return storedPdf(document.code()).orElseThrow();
    }

    private Optional<byte[]> storedPdf(String code) {
        return jdbc.sql("select pdf from issued_document where code = ? and pdf is not null").param(code)
                .query((rs, n) -> rs.getBytes(1)).optional();
    }

    Optional<IssuedDocument> byCode(String code) {
        return jdbc.sql("select " + COLUMNS + " from issued_document where code = ?").param(code)
                .query(IssuedDocuments::map).optional();
    }

    private Optional<IssuedDocument> find(UUID dossierId, OneStopForm form, Instant eventAt) {
        return jdbc.sql("select " + COLUMNS + " from issued_document where dossier_id = ? and form = ? and event_at = ?")
                .params(dossierId, form.number(), Timestamp.from(eventAt))
                .query(IssuedDocuments::map).optional();
    }

    private static IssuedDocument map(ResultSet rs, int row) throws SQLException {
        return new IssuedDocument(rs.getString("code"), rs.getObject("dossier_id", UUID.class),
                OneStopForm.byNumber(rs.getString("form")).orElseThrow(), rs.getTimestamp("issued_at").toInstant(),
                rs.getLong("agency_id"), rs.getString("sha256"));
    }

    static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }
}
