package vn.gov.portal.forms;

import java.time.Instant;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import vn.gov.portal.agency.Agency;
import vn.gov.portal.agency.AgencyDirectory;

/**
 * What anyone holding a verification code may learn, without logging in: that the document was issued, what it is,
 * when and by whom, for which receipt code and — masked — for whom, and for a receipt whose facts changed, that it was
 * superseded, when, and by which receipt. Nothing else of the applicant's data.
 */
@Service
public class DocumentVerification {

    /** Largest file the public page compares; issued forms are a few dozen kilobytes. */
    public static final long MAX_UPLOAD_BYTES = 10L * 1024 * 1024;

    /**
     * @param supersededAt when a newer receipt replaced this one; null while it is current
     * @param current      the dossier's current receipt, when this one was superseded (by it or by one before it)
     */
    public record Issued(String code, OneStopForm form, Instant issuedAt, Agency agency, String receiptCode,
                         String maskedApplicant, String sha256, Instant supersededAt, String current) {

        public boolean superseded() {
            return supersededAt != null;
        }
    }

    public enum Comparison { IDENTICAL, DIFFERENT }

    private final JdbcClient jdbc;
    private final AgencyDirectory agencies;

    DocumentVerification(JdbcClient jdbc, AgencyDirectory agencies) {
        this.jdbc = jdbc;
        this.agencies = agencies;
    }

    /** The issued document with this code (as typed, leniently), if there is one. */
    public Optional<Issued> find(String typedCode) {
        return VerificationCode.parse(typedCode).flatMap(code -> jdbc.sql("""
                        select i.code, i.form, i.issued_at, i.agency_id, i.sha256, i.superseded_at, d.receipt_code,
                               d.applicant_name,
                               case when i.superseded_by is not null then (
                                   select c.code from issued_document c
                                   where c.dossier_id = i.dossier_id and c.form = i.form and c.superseded_by is null)
                               end as current_code
                        from issued_document i join dossier d on d.id = i.dossier_id where i.code = ?""")
                .param(code)
                .query((rs, n) -> new Issued(rs.getString("code"), OneStopForm.byNumber(rs.getString("form")).orElseThrow(),
                        rs.getTimestamp("issued_at").toInstant(), agencies.find(rs.getLong("agency_id")).orElseThrow(),
                        rs.getString("receipt_code"), mask(rs.getString("applicant_name")), rs.getString("sha256"),
                        Optional.ofNullable(rs.getTimestamp("superseded_at")).map(java.sql.Timestamp::toInstant).orElse(null),
                        rs.getString("current_code")))
                .optional());
    }

    /** Byte for byte, through the SHA-256 recorded at issue: any change, even one byte, makes it differ. */
    public Comparison compare(Issued issued, byte[] file) {
        // Never downloaded (no PDF drawn yet): no file can be this document.
        return issued.sha256() != null && IssuedDocuments.sha256(file).equals(issued.sha256()) ? Comparison.IDENTICAL
                : Comparison.DIFFERENT;
    }

    /** "Nguyễn Văn An" → "Nguyễn V. A.": the family name and initials, enough to recognise, too little to identify. */
    static String mask(String fullName) {
        String[] words = fullName == null ? new String[0] : fullName.strip().split("\\s+");
        if (words.length == 0 || words[0].isEmpty()) {
            return "";
        }
        StringBuilder masked = new StringBuilder(words.length == 1 ? initial(words[0]) : words[0]);
        for (int i = 1; i < words.length; i++) {
            masked.append(' ').append(initial(words[i]));
        }
        return masked.toString();
    }

    private static String initial(String word) {
        return new String(Character.toChars(word.codePointAt(0))) + ".";
    }
}
