package vn.gov.portal.forms;

import com.lowagie.text.PageSize;
import com.lowagie.text.pdf.PdfPTable;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.springframework.context.MessageSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import vn.gov.portal.agency.Agency;
import vn.gov.portal.agency.AgencyDirectory;
import vn.gov.portal.agency.StaffMember;
import vn.gov.portal.catalog.LocalizedText;
import vn.gov.portal.catalog.ProcedureCatalog;
import vn.gov.portal.identity.PortalUser;

/**
 * Form 06 of Circular 01/2018, the register book (sổ theo dõi hồ sơ): the dossiers an agency received in a period,
 * with receipt code, applicant, procedure, dates received, due and returned, and status. Only for the agency's own
 * officers and for admins; drawn anew on each download, as the book changes with every dossier.
 */
@Service
public class RegisterBook {

    /** A year at most: a longer book is too big to print, and the statistics answer longer questions. */
    public static final int MAX_DAYS = 366;
    /** Rows at most in one book; a busier period is read in parts. */
    public static final int MAX_ROWS = 2000;

    private static final Locale VI = Locale.forLanguageTag("vi");

    /** One dossier received; {@code returnedAt} once its result was handed over (status 10). */
    public record Entry(String receiptCode, String applicantName, LocalizedText procedure, Instant receivedAt,
                        LocalDate dueDate, Instant returnedAt, int statusCode) {}

    /** The book of an agency for a period; {@code complete} is false when the period had more than MAX_ROWS. */
    public record Book(Agency agency, LocalDate from, LocalDate to, List<Entry> entries, boolean complete) {}

    private final JdbcClient jdbc;
    private final AgencyDirectory agencies;
    private final ProcedureCatalog catalog;
    private final PdfFonts fonts;
    private final MessageSource messages;

    RegisterBook(JdbcClient jdbc, AgencyDirectory agencies, ProcedureCatalog catalog, PdfFonts fonts,
                 MessageSource messages) {
        this.messages = messages;
        this.jdbc = jdbc;
        this.agencies = agencies;
        this.catalog = catalog;
        this.fonts = fonts;
    }

    /** The agencies whose book the user keeps: those where they hold a role. */
    public List<Agency> agenciesOf(PortalUser user) {
        return agencies.agenciesOf(user.username());
    }

    public boolean isAdmin(PortalUser user) {
        return agencies.staff(user.username()).map(StaffMember::isAdmin).orElse(false);
    }

    /** The agency with this unit code, if the user may read its book: one of their own, or any for an admin. */
    public Optional<Agency> agencyFor(PortalUser user, String unitCode) {
        Optional<Agency> own = agenciesOf(user).stream().filter(a -> a.unitCode().equals(unitCode)).findFirst();
        if (own.isPresent() || !isAdmin(user)) {
            return own;
        }
        return jdbc.sql("select id from agency where unit_code = ?").param(unitCode).query(Long.class).optional()
                .flatMap(agencies::find);
    }

    /**
     * The dossiers the agency received from {@code from} to {@code to} (Vietnamese days), in the order received and
     * dated by {@code received_at}: the filing, or the payment of a fee before intake, or the other party's
     * confirmation. One never received (awaiting its fee or the partner, or withdrawn or declined before) is not in
     * the book, whatever version of its procedure is published now. The dossier of an interconnected group itself is
     * left out: its steps are the agencies' dossiers.
     */
    public Book read(Agency agency, LocalDate from, LocalDate to) {
        List<Entry> entries = jdbc.sql("""
                        select receipt_code, applicant_name, procedure_code, procedure_version, received_at,
                               appointment_date, case when status_code = 10 then closed_at end as returned_at, status_code
                        from dossier
                        where agency_id = ? and received_at >= ? and received_at < ? and not is_group
                        order by received_at, receipt_code limit ?""")
                .params(agency.id(), Timestamp.from(from.atStartOfDay(PdfSheet.VIETNAM).toInstant()),
                        Timestamp.from(to.plusDays(1).atStartOfDay(PdfSheet.VIETNAM).toInstant()), MAX_ROWS + 1)
                .query((rs, n) -> new Entry(rs.getString("receipt_code"), rs.getString("applicant_name"),
                        catalog.get(rs.getString("procedure_code"), rs.getInt("procedure_version")).name(),
                        rs.getTimestamp("received_at").toInstant(),
                        rs.getObject("appointment_date", LocalDate.class),
                        Optional.ofNullable(rs.getTimestamp("returned_at")).map(Timestamp::toInstant).orElse(null),
                        rs.getInt("status_code")))
                .list();
        boolean complete = entries.size() <= MAX_ROWS;
        return new Book(agency, from, to, complete ? entries : entries.subList(0, MAX_ROWS), complete);
    }

    public byte[] render(Book book) {
        String period = PdfSheet.DATE.format(book.from()) + " – " + PdfSheet.DATE.format(book.to());
        PdfSheet pdf = new PdfSheet(fonts, PageSize.A4.rotate(), "Mẫu số 06 – " + book.agency().unitCode() + " – " + period,
                "Sổ theo dõi hồ sơ – " + book.agency().nameVi() + " – " + period);
        pdf.header(book.agency());
        pdf.title("SỔ THEO DÕI HỒ SƠ");
        pdf.subtitle("(Mẫu số 06 – Thông tư 01/2018/TT-VPCP)");
        pdf.subtitle("Hồ sơ tiếp nhận từ ngày " + PdfSheet.DATE.format(book.from()) + " đến ngày " + PdfSheet.DATE.format(book.to())
                + ": " + book.entries().size() + (book.complete() ? "" : " (đầu tiên; hãy chia nhỏ khoảng thời gian)"));
        PdfPTable table = pdf.table(new float[] {0.5f, 2.4f, 2f, 2.6f, 1.4f, 1.1f, 1.4f, 1.4f});
        table.setHeaderRows(1);
        for (String heading : List.of("TT", "Mã hồ sơ", "Người nộp", "Thủ tục", "Ngày nhận", "Hẹn trả", "Ngày trả kết quả",
                "Trạng thái")) {
            pdf.heading(table, heading);
        }
        int number = 1;
        for (Entry e : book.entries()) {
            pdf.cell(table, String.valueOf(number++));
            pdf.cell(table, e.receiptCode());
            pdf.cell(table, e.applicantName());
            pdf.cell(table, e.procedure().vi());
            pdf.cell(table, PdfSheet.TIME.format(e.receivedAt()));
            pdf.cell(table, e.dueDate() == null ? "" : PdfSheet.DATE.format(e.dueDate()));
            pdf.cell(table, e.returnedAt() == null ? "" : PdfSheet.TIME.format(e.returnedAt()));
            pdf.cell(table, messages.getMessage("status." + e.statusCode(), null, VI));
        }
        pdf.add(table);
        return pdf.finish();
    }
}
