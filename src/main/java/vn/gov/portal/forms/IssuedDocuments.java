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
 * The register of issued documents. A document is issued once per dossier, form and the event it records; its bytes
 * are kept, so every later download is the identical file and its SHA-256 keeps matching (rendering again would
 * change the timestamps inside the PDF).
 */
@Repository
class IssuedDocuments {

    private static final String COLUMNS = "code, dossier_id, form, issued_at, agency_id, sha256, pdf";

    private final JdbcClient jdbc;

    IssuedDocuments(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * The document issued for this event, issuing it now if it never was. {@code render} gets the new code to print.
     * Two first downloads at once: both render, one insert wins, both return the winner's file.
     */
    IssuedDocument issue(Dossier dossier, OneStopForm form, Instant eventAt, Function<String, byte[]> render) {
        Optional<IssuedDocument> existing = find(dossier.id(), form, eventAt);
        if (existing.isPresent()) {
            return existing.get();
        }
        String code = VerificationCode.random();
        byte[] pdf = render.apply(code);
        jdbc.sql("""
                        insert into issued_document (code, dossier_id, form, event_at, agency_id, sha256, pdf)
                        values (?, ?, ?, ?, ?, ?, ?) on conflict (dossier_id, form, event_at) do nothing""")
                .params(code, dossier.id(), form.number(), Timestamp.from(eventAt), dossier.agencyId(), sha256(pdf), pdf)
                .update();
        return find(dossier.id(), form, eventAt).orElseThrow();
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
                rs.getLong("agency_id"), rs.getString("sha256"), rs.getBytes("pdf"));
    }

    static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }
}
