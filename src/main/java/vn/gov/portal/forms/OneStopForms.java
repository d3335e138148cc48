package vn.gov.portal.forms;

import com.lowagie.text.Document;
import com.lowagie.text.Element;
import com.lowagie.text.Font;
import com.lowagie.text.PageSize;
import com.lowagie.text.Paragraph;
import com.lowagie.text.Phrase;
import com.lowagie.text.pdf.BaseFont;
import com.lowagie.text.pdf.ColumnText;
import com.lowagie.text.pdf.PdfPageEventHelper;
import com.lowagie.text.pdf.PdfPTable;
import com.lowagie.text.pdf.PdfWriter;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Service;
import vn.gov.portal.agency.Agency;
import vn.gov.portal.agency.AgencyDirectory;
import vn.gov.portal.catalog.ProcedureCatalog;
import vn.gov.portal.catalog.ProcedureDefinition;
import vn.gov.portal.catalog.WorkflowDefinition.Transition;
import vn.gov.portal.dossier.Dossier;
import vn.gov.portal.dossier.DossierEvent;
import vn.gov.portal.dossier.DossierSubmitted;
import vn.gov.portal.dossier.Dossiers;
import vn.gov.portal.dossier.UserFacingException;
import vn.gov.portal.payment.PaidFees;

/**
 * Renders the one-stop-shop forms of a dossier as PDF, in Vietnamese, with a font that has every Vietnamese glyph.
 * A form exists only once its event happened: a refusal form for a refused dossier, and so on. Every form is issued
 * once per event with a verification code printed on each page (see {@link IssuedDocuments}).
 */
@Service
public class OneStopForms {

    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("dd/MM/yyyy");
    private static final ZoneId VIETNAM = ZoneId.of("Asia/Ho_Chi_Minh");
    private static final DateTimeFormatter DATE_TIME = DateTimeFormatter.ofPattern("HH:mm 'ngày' dd/MM/yyyy")
            .withZone(VIETNAM);

    private final Dossiers dossiers;
    private final AgencyDirectory agencies;
    private final ProcedureCatalog catalog;
    private final BaseFont regular;
    private final BaseFont bold;
    private final IssuedDocuments issued;
    private final PaidFees paidFees;
    /** Where the public verification page is, printed on every document: {@code <publicUrl>/verify/<code>}. */
    private final String publicUrl;

    public OneStopForms(Dossiers dossiers, AgencyDirectory agencies, ProcedureCatalog catalog, IssuedDocuments issued,
                        PaidFees paidFees, @Value("${portal.public-url}") String publicUrl) {
        this.issued = issued;
        this.paidFees = paidFees;
        this.publicUrl = publicUrl.endsWith("/") ? publicUrl.substring(0, publicUrl.length() - 1) : publicUrl;
        this.dossiers = dossiers;
        this.agencies = agencies;
        this.catalog = catalog;
        this.regular = font("fonts/DejaVuSans.ttf");
        this.bold = font("fonts/DejaVuSans-Bold.ttf");
    }

    private static BaseFont font(String path) {
        try (InputStream in = OneStopForms.class.getClassLoader().getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalStateException("font missing from the classpath: " + path);
            }
            return BaseFont.createFont(path, BaseFont.IDENTITY_H, BaseFont.EMBEDDED, true, in.readAllBytes(), null);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The forms this dossier has, in the order of the circular. */
    public List<OneStopForm> available(Dossier dossier) {
        return available(dossier, timelineOf(dossier));
    }

    /** The PDF as issued: drawn on the first call, the same bytes on every later call for the same event. */
    public byte[] render(Dossier dossier, OneStopForm form) {
        List<DossierEvent> timeline = timelineOf(dossier);
        IssuedDocument document = issue(dossier, form, timeline);
        return issued.pdf(document, code -> draw(dossier, form, cause(form, timeline), code));
    }

    /** The document of this form for the latest event it records, its code issued on first use. */
    public IssuedDocument issue(Dossier dossier, OneStopForm form) {
        return issue(dossier, form, timelineOf(dossier));
    }

    /**
     * The receipt (form 01) is issued with the submission, in its transaction: the dossier's page then only reads its
     * code, and the first view of a new dossier writes nothing.
     */
    @EventListener
    void submitted(DossierSubmitted event) {
        issued.issueNew(event.dossier(), OneStopForm.RECEIPT, event.dossier().submittedAt());
    }

    /** Every document the dossier has, issued, in the order of the circular: for the list on the dossier page. */
    public List<IssuedDocument> issueAll(Dossier dossier) {
        // The timeline is read once for all the forms: this list is on every view of a dossier.
        List<DossierEvent> timeline = timelineOf(dossier);
        return available(dossier, timeline).stream().map(form -> issue(dossier, form, timeline)).toList();
    }

    /** A draft has no timeline, hence no forms. */
    private List<DossierEvent> timelineOf(Dossier dossier) {
        return dossier.isDraft() ? null : dossiers.timeline(dossier);
    }

    private List<OneStopForm> available(Dossier dossier, List<DossierEvent> timeline) {
        if (timeline == null) {
            return List.of();
        }
        boolean received = !awaitsFeeBeforeIntake(dossier);
        return java.util.Arrays.stream(OneStopForm.values())
                .filter(f -> f != OneStopForm.RECEIPT || received)
                .filter(f -> f.event() == null || timeline.stream().anyMatch(e -> e.event().equals(f.event())))
                .toList();
    }

    /**
     * A dossier whose fee is collected before intake is not received until the gateway confirms the payment, so its
     * receipt is not given out before: the receipt is drawn once and kept, and must show the fee paid.
     */
    private boolean awaitsFeeBeforeIntake(Dossier dossier) {
        ProcedureDefinition definition = catalog.get(dossier.procedureCode(), dossier.procedureVersion());
        return definition.fees().collection() == ProcedureDefinition.Collection.BEFORE_INTAKE
                && definition.workflow().transitionsFrom(dossier.state()).stream().anyMatch(Transition::payment);
    }

    private IssuedDocument issue(Dossier dossier, OneStopForm form, List<DossierEvent> timeline) {
        if (!available(dossier, timeline).contains(form)) {
            throw UserFacingException.notFound();
        }
        Instant eventAt = cause(form, timeline).map(DossierEvent::at).orElse(dossier.submittedAt());
        return issued.issue(dossier, form, eventAt);
    }

    /** The latest timeline event the form records (none for the receipt, which records the submission). */
    private static Optional<DossierEvent> cause(OneStopForm form, List<DossierEvent> timeline) {
        return form.event() == null ? Optional.empty() : timeline.stream()
                .filter(e -> e.event().equals(form.event())).max(Comparator.comparing(DossierEvent::at));
    }

    public String verificationUrl(String code) {
        return publicUrl + "/verify/" + code;
    }

    private byte[] draw(Dossier dossier, OneStopForm form, Optional<DossierEvent> cause, String code) {
        Agency agency = agencies.find(dossier.agencyId()).orElseThrow();
        String procedure = catalog.find(dossier.procedureCode()).map(p -> p.name().vi()).orElse(dossier.procedureCode());
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Document pdf = new Document(PageSize.A4, 56, 56, 48, 64);
        PdfWriter writer = PdfWriter.getInstance(pdf, out);
        writer.setPageEvent(new VerificationFooter("Mã xác thực: " + code + " – kiểm tra tại " + verificationUrl(code),
                new Font(regular, 8)));
        pdf.addTitle("Mẫu số " + form.number() + " – " + dossier.receiptCode());
        pdf.open();
        header(pdf, agency);
        centered(pdf, form.title(), new Font(bold, 13));
        centered(pdf, "(Mẫu số " + form.number() + " – Thông tư 01/2018/TT-VPCP)", new Font(regular, 9));
        PdfPTable rows = new PdfPTable(new float[] {2.2f, 4f});
        rows.setWidthPercentage(100);
        rows.setSpacingBefore(16);
        row(rows, "Mã hồ sơ", dossier.receiptCode());
        row(rows, "Người nộp hồ sơ", dossier.applicantName());
        row(rows, "Số định danh cá nhân", dossier.applicantIdNumber());
        row(rows, "Nội dung yêu cầu giải quyết", procedure);
        row(rows, "Thời gian nhận hồ sơ", dossier.submittedAt() == null ? "" : DATE_TIME.format(dossier.submittedAt()));
        switch (form) {
            case RECEIPT -> {
                row(rows, "Thời gian trả kết quả", dossier.appointmentDate() == null ? "" : DATE.format(dossier.appointmentDate()));
                row(rows, "Nhận kết quả tại", agency.nameVi() + " hoặc trực tuyến tại Cổng Dịch vụ công");
                paidFees.of(dossier).ifPresent(paid -> row(rows, "Phí, lệ phí đã nộp",
                        String.format(java.util.Locale.ROOT, "%,d", paid.amountVnd()).replace(',', '.')
                                + " đồng, nộp trực tuyến ngày " + DATE.format(paid.paidAt().atZone(VIETNAM))
                                + " (mã giao dịch " + paid.gatewayTxn() + ")"));
            }
            case SUPPLEMENTATION -> {
                row(rows, "Nội dung cần bổ sung, hoàn thiện", cause.map(DossierEvent::note).orElse(""));
                row(rows, "Thời hạn gửi bổ sung", dossier.supplementDue() == null ? "" : DATE.format(dossier.supplementDue()));
            }
            case REFUSAL -> row(rows, "Lý do từ chối", cause.map(DossierEvent::note).orElse(""));
            case APOLOGY -> {
                row(rows, "Lý do chậm trả kết quả", cause.map(DossierEvent::note).orElse(""));
                row(rows, "Hẹn lại ngày trả kết quả", dossier.appointmentDate() == null ? "" : DATE.format(dossier.appointmentDate()));
            }
            case RESULT -> {
                row(rows, "Kết quả", catalog.find(dossier.procedureCode()).map(p -> p.result().vi()).orElse(""));
                row(rows, "Người phê duyệt", cause.map(e -> agencies.staff(e.actor()).map(s -> s.fullName())
                        .orElse(e.actor())).orElse(""));
                row(rows, "Thời gian phê duyệt", cause.map(e -> DATE_TIME.format(e.at())).orElse(""));
            }
        }
        cause.ifPresent(e -> row(rows, "Ngày lập phiếu", DATE_TIME.format(e.at())));
        pdf.add(rows);
        if (form == OneStopForm.APOLOGY) {
            paragraph(pdf, agency.nameVi() + " xin lỗi Ông/Bà vì sự chậm trễ này và hẹn trả kết quả vào ngày ghi trên.");
        }
        Paragraph signed = new Paragraph(cause.map(e -> "Người lập phiếu: " + e.actor()).orElse(agency.nameVi()),
                new Font(regular, 10));
        signed.setAlignment(Element.ALIGN_RIGHT);
        signed.setSpacingBefore(24);
        pdf.add(signed);
        pdf.close();
        return out.toByteArray();
    }

    /** The verification line at the foot of every page, so a single page still says how to check it. */
    private static final class VerificationFooter extends PdfPageEventHelper {
        private final String text;
        private final Font font;

        VerificationFooter(String text, Font font) {
            this.text = text;
            this.font = font;
        }

        @Override
        public void onEndPage(PdfWriter writer, Document document) {
            ColumnText.showTextAligned(writer.getDirectContent(), Element.ALIGN_CENTER, new Phrase(text, font),
                    (document.left() + document.right()) / 2, document.bottom() - 28, 0);
        }
    }

    private void header(Document pdf, Agency agency) {
        PdfPTable top = new PdfPTable(2);
        top.setWidthPercentage(100);
        top.getDefaultCell().setBorder(0);
        top.addCell(new Paragraph(agency.nameVi().toUpperCase(), new Font(bold, 10)));
        top.addCell(new Paragraph("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập – Tự do – Hạnh phúc", new Font(bold, 10)));
        top.setSpacingAfter(18);
        pdf.add(top);
    }

    private static void centered(Document pdf, String text, Font font) {
        Paragraph p = new Paragraph(text, font);
        p.setAlignment(Element.ALIGN_CENTER);
        pdf.add(p);
    }

    private void paragraph(Document pdf, String text) {
        Paragraph p = new Paragraph(text, new Font(regular, 11));
        p.setSpacingBefore(12);
        pdf.add(p);
    }

    private void row(PdfPTable table, String label, String value) {
        table.addCell(new Paragraph(label, new Font(bold, 10)));
        table.addCell(new Paragraph(value == null ? "" : value, new Font(regular, 10)));
    }
}
