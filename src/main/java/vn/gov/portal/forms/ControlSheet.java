package vn.gov.portal.forms;

import com.lowagie.text.PageSize;
import com.lowagie.text.pdf.PdfPTable;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.springframework.context.MessageSource;
import org.springframework.stereotype.Service;
import vn.gov.portal.agency.Agency;
import vn.gov.portal.agency.AgencyDirectory;
import vn.gov.portal.catalog.LocalizedText;
import vn.gov.portal.catalog.ProcedureCatalog;
import vn.gov.portal.catalog.ProcedureDefinition;
import vn.gov.portal.dossier.Dossier;
import vn.gov.portal.dossier.DossierEvent;
import vn.gov.portal.dossier.Dossiers;

/**
 * Form 05 of Circular 01/2018, the processing control sheet (phiếu kiểm soát quá trình giải quyết hồ sơ): every
 * handover of a dossier between steps and people, when, against which deadline and whether on time, read from the
 * dossier's timeline. An agency's working paper, not given to the citizen: it is drawn anew on each download (it grows
 * with every step) and is not issued with a verification code.
 */
@Service
public class ControlSheet {

    private static final Locale VI = Locale.forLanguageTag("vi");

    /**
     * One handover: at {@code at} the dossier went from {@code from} to {@code to} by the step {@code step}. Its
     * deadline is the dossier's appointment date (as moved by supplementation and extensions; none for a procedure
     * answered at once), and it was on time when it happened on or before that day.
     */
    public record Handover(Instant at, String step, String from, String to, LocalDate deadline, boolean onTime) {}

    private final Dossiers dossiers;
    private final AgencyDirectory agencies;
    private final ProcedureCatalog catalog;
    private final MessageSource messages;
    private final PdfFonts fonts;
    private final Clock clock;

    ControlSheet(Dossiers dossiers, AgencyDirectory agencies, ProcedureCatalog catalog, MessageSource messages,
                 PdfFonts fonts, Clock clock) {
        this.clock = clock;
        this.dossiers = dossiers;
        this.agencies = agencies;
        this.catalog = catalog;
        this.messages = messages;
        this.fonts = fonts;
    }

    /**
     * The handovers in the order they happened: the submission hands the dossier to the agency's one-stop desk, and
     * each later step to whoever took it.
     */
    public List<Handover> handovers(Dossier dossier) {
        ProcedureDefinition definition = catalog.of(dossier);
        List<Handover> handovers = new ArrayList<>();
        String holder = null;
        for (DossierEvent event : dossiers.timeline(dossier)) {
            String actor = actorName(dossier, event);
            String from = holder == null ? actor : holder;
            String to = holder == null ? "Bộ phận tiếp nhận và trả kết quả – "
                    + agencies.find(dossier.agencyId()).map(Agency::nameVi).orElse("") : actor;
            LocalDate day = event.at().atZone(PdfSheet.VIETNAM).toLocalDate();
            handovers.add(new Handover(event.at(), stepName(definition, event), from, to, dossier.appointmentDate(),
                    dossier.appointmentDate() == null || !day.isAfter(dossier.appointmentDate())));
            holder = to;
        }
        return handovers;
    }

    public byte[] render(Dossier dossier) {
        Agency agency = agencies.find(dossier.agencyId()).orElseThrow();
        ProcedureDefinition definition = catalog.of(dossier);
        PdfSheet pdf = new PdfSheet(fonts, PageSize.A4.rotate(), "Mẫu số 05 – " + dossier.receiptCode(),
                "Phiếu kiểm soát quá trình giải quyết hồ sơ " + dossier.receiptCode() + " – lập lúc "
                        + PdfSheet.TIME.format(clock.instant()));
        pdf.header(agency);
        pdf.title("PHIẾU KIỂM SOÁT QUÁ TRÌNH GIẢI QUYẾT HỒ SƠ");
        pdf.subtitle("(Mẫu số 05 – Thông tư 01/2018/TT-VPCP)");
        PdfPTable about = pdf.rows();
        pdf.row(about, "Mã hồ sơ", dossier.receiptCode());
        pdf.row(about, "Người nộp hồ sơ", dossier.applicantName());
        pdf.row(about, "Thủ tục", definition.name().vi());
        pdf.row(about, "Cơ quan giải quyết", agency.nameVi());
        pdf.row(about, "Ngày hẹn trả kết quả", dossier.appointmentDate() == null ? "" : PdfSheet.DATE.format(dossier.appointmentDate()));
        pdf.add(about);
        PdfPTable table = pdf.table(new float[] {0.5f, 2.2f, 2.6f, 2.6f, 1.6f, 1.4f, 1.2f});
        table.setHeaderRows(1);
        for (String heading : List.of("TT", "Bước xử lý", "Bên giao", "Bên nhận", "Thời gian giao, nhận", "Hạn xử lý",
                "Kết quả")) {
            pdf.heading(table, heading);
        }
        int number = 1;
        for (Handover h : handovers(dossier)) {
            pdf.cell(table, String.valueOf(number++));
            pdf.cell(table, h.step());
            pdf.cell(table, h.from());
            pdf.cell(table, h.to());
            pdf.cell(table, PdfSheet.TIME.format(h.at()));
            pdf.cell(table, h.deadline() == null ? "" : PdfSheet.DATE.format(h.deadline()));
            pdf.cell(table, h.onTime() ? "Đúng hạn" : "Quá hạn");
        }
        pdf.add(table);
        return pdf.finish();
    }

    /** The portal's name for the event, else the label of the transition in the dossier's version of its procedure. */
    private String stepName(ProcedureDefinition definition, DossierEvent event) {
        LocalizedText label = definition.workflow().eventLabel(event.fromState(), event.event());
        return messages.getMessage("event." + event.event(), null, label == null ? event.event() : label.vi(), VI);
    }

    private String actorName(Dossier dossier, DossierEvent event) {
        return switch (event.actorKind()) {
            case "CITIZEN" -> event.actor().equals(dossier.applicantIdNumber()) ? "Người nộp hồ sơ " + dossier.applicantName()
                    : "Công dân " + event.actor();
            case "STAFF" -> agencies.staff(event.actor()).map(s -> s.fullName() + " (" + s.username() + ")")
                    .orElse(event.actor());
            default -> "Cổng Dịch vụ công";
        };
    }
}
