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
 * and its SHA-256 keeps matching (rendering again would change the timestamps inside the PDF). A receipt is the
 * exception: one is current per dossier, and when the facts it states change it is superseded by a new one
 * ({@link Receipts}).
 */
@Repository
class IssuedDocuments {

    private static final String COLUMNS = "code, dossier_id, form, issued_at, agency_id, sha256, facts, superseded_by";

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

    private IssuedDocument issueNew(Dossier dossier, OneStopForm form, Instant eventAt) {
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
     * The dossier's current receipt of this form, if one was issued; {@code forUpdate} locks it for the caller's
     * transaction, so that a download storing its PDF meanwhile waits or is waited for.
     */
    Optional<IssuedDocument> currentReceipt(UUID dossierId, OneStopForm form, boolean forUpdate) {
        return jdbc.sql("select " + COLUMNS + " from issued_document where dossier_id = ? and form = ?"
                        + " and superseded_by is null" + (forUpdate ? " for update" : ""))
                .params(dossierId, form.number()).query(IssuedDocuments::map).optional();
    }

    /**
     * Issues the dossier's first receipt, stating {@code facts}, unless one is current already (two first views at
     * once, a retried submission): then that one.
     */
    IssuedDocument issueReceipt(Dossier dossier, OneStopForm form, Instant eventAt, String facts) {
        return jdbc.sql("""
                        insert into issued_document (code, dossier_id, form, event_at, agency_id, facts)
                        values (?, ?, ?, ?, ?, ?) on conflict do nothing
                        """ + "returning " + COLUMNS)
                .params(VerificationCode.random(), dossier.id(), form.number(), Timestamp.from(eventAt),
                        dossier.agencyId(), facts)
                .query(IssuedDocuments::map).optional()
                .or(() -> currentReceipt(dossier.id(), form, false)).orElseThrow();
    }

    /**
     * Records what a receipt states while nobody could have it yet (its PDF not drawn), or what a receipt drawn
     * before the facts were recorded states ({@code legacy}). False if it was drawn meanwhile.
     */
    boolean restate(IssuedDocument receipt, String facts, boolean legacy) {
        return jdbc.sql("update issued_document set facts = ? where code = ? and "
                        + (legacy ? "facts is null" : "pdf is null"))
                .params(facts, receipt.code()).update() == 1;
    }

    /**
     * Replaces a drawn receipt whose facts changed: a new receipt with its own code, stating {@code facts}, and the
     * old one marked superseded by it (kept as it was, so a printed copy still verifies, as superseded).
     */
    IssuedDocument supersede(IssuedDocument old, Dossier dossier, String facts) {
        String code = VerificationCode.random();
        // The old one first (its reference to the new one is checked at commit): one receipt is current at a time.
        int marked = jdbc.sql("""
                        update issued_document set superseded_by = ?, superseded_at = now()
                        where code = ? and superseded_by is null""").params(code, old.code()).update();
        if (marked != 1) {
            throw new IllegalStateException("receipt " + old.code() + " is not current");
        }
        // Its event is its issue: clock_timestamp() differs from the first receipt's (the filing) and from any other.
        return jdbc.sql("""
                        insert into issued_document (code, dossier_id, form, event_at, agency_id, facts)
                        values (?, ?, ?, clock_timestamp(), ?, ?)
                        """ + "returning " + COLUMNS)
                .params(code, dossier.id(), old.form().number(), dossier.agencyId(), facts)
                .query(IssuedDocuments::map).single();
    }

    /**
     * The document's PDF, drawn by {@code render} (given the code to print) on the first download and kept, so every
     * later download is the identical file. Two first downloads at once: both draw, the first update wins, both
     * return the winner's file. A receipt is stored only if it still states {@code facts} (null for other forms):
     * empty when a move restated it while it was drawn, for the caller to draw it again from the dossier as it is.
     */
    Optional<byte[]> pdf(IssuedDocument document, String facts, Function<String, byte[]> render) {
        Optional<byte[]> stored = storedPdf(document.code());
        if (stored.isPresent()) {
            return stored;
        }
        byte[] pdf = render.apply(document.code());
        jdbc.sql("""
                        update issued_document set pdf = ?, sha256 = ?, facts = coalesce(?, facts)
                        where code = ? and pdf is null and (facts is null or facts = ?)""")
                .params(pdf, sha256(pdf), facts, document.code(), facts).update();
        return storedPdf(document.code());
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
                rs.getLong("agency_id"), rs.getString("sha256"), rs.getString("facts"), rs.getString("superseded_by"));
    }

    static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }
}
