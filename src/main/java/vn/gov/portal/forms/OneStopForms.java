package vn.gov.portal.forms;

import com.lowagie.text.PageSize;
import com.lowagie.text.pdf.PdfPTable;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Service;
import vn.gov.portal.agency.Agency;
import vn.gov.portal.agency.AgencyDirectory;
import vn.gov.portal.catalog.FormSet;
import vn.gov.portal.catalog.ProcedureCatalog;
import vn.gov.portal.catalog.ProcedureDefinition;
import vn.gov.portal.catalog.WorkflowDefinition.Transition;
import vn.gov.portal.dossier.AnswerSheets;
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

    private static final DateTimeFormatter DATE_TIME = DateTimeFormatter.ofPattern("HH:mm 'ngày' dd/MM/yyyy")
            .withZone(PdfSheet.VIETNAM);

    private static final Locale VI = Locale.forLanguageTag("vi");

    /**
     * The items 1–9 of the declaration CT01 (Circular 66/2023) a residence form repeats, by the register value the
     * procedure's form fills them from; an item the procedure's form does not ask is left out.
     */
    private static final List<String[]> CT01_ITEMS = List.of(
            new String[] {"1. Họ, chữ đệm và tên", "person.fullName"},
            new String[] {"2. Ngày, tháng, năm sinh", "person.birthDate"},
            new String[] {"3. Giới tính", "person.sex"},
            new String[] {"4. Số định danh cá nhân", "person.idNumber"},
            new String[] {"5. Số điện thoại liên hệ", "person.phone"},
            new String[] {"6. Email", "person.email"},
            new String[] {"7. Họ, chữ đệm và tên chủ hộ", "household.headName"},
            new String[] {"8. Mối quan hệ với chủ hộ", "household.relationToHead"},
            new String[] {"9. Số định danh cá nhân của chủ hộ", "household.headIdNumber"});

    private final Dossiers dossiers;
    private final AgencyDirectory agencies;
    private final ProcedureCatalog catalog;
    private final PdfFonts fonts;
    private final AnswerSheets answers;
    private final IssuedDocuments issued;
    private final PaidFees paidFees;
    private final vn.gov.portal.dossier.FeesDue feesDue;
    /** Where the public verification page is, printed on every document: {@code <publicUrl>/verify/<code>}. */
    private final String publicUrl;

    OneStopForms(Dossiers dossiers, AgencyDirectory agencies, ProcedureCatalog catalog, IssuedDocuments issued,
                 PdfFonts fonts, AnswerSheets answers, PaidFees paidFees, vn.gov.portal.dossier.FeesDue feesDue,
                 @Value("${portal.public-url}") String publicUrl) {
        this.feesDue = feesDue;
        this.issued = issued;
        this.paidFees = paidFees;
        this.publicUrl = publicUrl.endsWith("/") ? publicUrl.substring(0, publicUrl.length() - 1) : publicUrl;
        this.dossiers = dossiers;
        this.agencies = agencies;
        this.catalog = catalog;
        this.fonts = fonts;
        this.answers = answers;
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
        Dossier dossier = event.dossier();
        issued.issueNew(dossier, OneStopForm.receiptOf(formSet(dossier)), dossier.submittedAt());
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

    /** The set the dossier's version of its procedure names: a later version changes nothing already filed. */
    private FormSet formSet(Dossier dossier) {
        return definitionOf(dossier).formSet();
    }

    private ProcedureDefinition definitionOf(Dossier dossier) {
        return catalog.get(dossier.procedureCode(), dossier.procedureVersion());
    }

    private List<OneStopForm> available(Dossier dossier, List<DossierEvent> timeline) {
        if (timeline == null) {
            return List.of();
        }
        boolean received = received(dossier, timeline);
        return OneStopForm.of(formSet(dossier)).stream()
                .filter(f -> f.kind() != OneStopForm.Kind.RECEIPT || received)
                .filter(f -> f.event() == null || timeline.stream().anyMatch(e -> e.event().equals(f.event())))
                .toList();
    }

    /**
     * A dossier whose fee is collected before intake is received only once it left the wait for the fee (its
     * timeline has the payment's step, or the portal's step for a dossier owing nothing): its receipt is given out
     * neither while it waits nor after a withdrawal before paying. The receipt is drawn once and kept, and must show
     * the fee paid or the exemption asked for.
     */
    private boolean received(Dossier dossier, List<DossierEvent> timeline) {
        ProcedureDefinition definition = definitionOf(dossier);
        if (!definition.collectsFeeBeforeIntake()) {
            return true;
        }
        Set<String> paying = definition.workflow().transitions().stream().filter(Transition::settlesFee)
                .map(Transition::event).collect(Collectors.toSet());
        return timeline.stream().anyMatch(e -> paying.contains(e.event()));
    }

    /**
     * The receipt to link from the confirmation page, if the citizen may download it: at once, unless the fee comes
     * first (then the timeline says whether it was paid; other procedures are not asked, so no statement for them).
     */
    public Optional<OneStopForm> receiptOnConfirmation(Dossier dossier) {
        OneStopForm receipt = OneStopForm.receiptOf(formSet(dossier));
        return !definitionOf(dossier).collectsFeeBeforeIntake() || available(dossier).contains(receipt)
                ? Optional.of(receipt) : Optional.empty();
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
        ProcedureDefinition definition = definitionOf(dossier);
        String procedure = definition.name().vi();
        PdfSheet pdf = new PdfSheet(fonts, PageSize.A4, "Mẫu số " + form.number() + " – " + dossier.receiptCode(),
                "Mã xác thực: " + code + " – kiểm tra tại " + verificationUrl(code));
        pdf.header(agency);
        pdf.title(form.title());
        pdf.subtitle(form.circular() == null ? "(Thông báo kết quả giải quyết thủ tục hành chính)"
                : "(Mẫu số " + form.number() + " – " + form.circular().name + ")");
        PdfPTable rows = pdf.rows();
        boolean residence = form.circular() == OneStopForm.Circular.RESIDENCE;
        if (residence) {
            pdf.row(rows, "Cơ quan đăng ký cư trú", agency.nameVi());
            pdf.row(rows, "Kính gửi Ông/Bà", dossier.applicantName());
            ct01Items(pdf, rows, dossier, definition);
            pdf.row(rows, "10. Nội dung đề nghị", procedure);
            pdf.row(rows, "Mã hồ sơ", dossier.receiptCode());
        } else {
            pdf.row(rows, "Mã hồ sơ", dossier.receiptCode());
            pdf.row(rows, "Người nộp hồ sơ", dossier.applicantName());
            pdf.row(rows, "Số định danh cá nhân", dossier.applicantIdNumber());
            pdf.row(rows, "Nội dung yêu cầu giải quyết", procedure);
        }
        Optional<PaidFees.Paid> fee = paidFees.of(dossier);
        // A fee paid before intake is when the agency received the dossier (its legal time counts from then).
        Instant received = definition.collectsFeeBeforeIntake() && fee.isPresent() ? fee.get().paidAt()
                : dossier.submittedAt();
        pdf.row(rows, "Thời gian nhận hồ sơ", received == null ? "" : DATE_TIME.format(received));
        switch (form.kind()) {
            case RECEIPT -> {
                pdf.row(rows, "Thời gian trả kết quả", dossier.appointmentDate() == null ? "" : PdfSheet.DATE.format(dossier.appointmentDate()));
                pdf.row(rows, "Nhận kết quả tại", agency.nameVi() + " hoặc trực tuyến tại Cổng Dịch vụ công");
                // An amount an officer confirmed (setsAmount) before the receipt was first drawn.
                if (dossier.amountDueVnd() != null) {
                    pdf.row(rows, "Số tiền phải nộp theo quyết định",
                            String.format(java.util.Locale.ROOT, "%,d", dossier.amountDueVnd()).replace(',', '.') + " đồng");
                }
                fee.ifPresent(paid -> pdf.row(rows, "Phí, lệ phí đã nộp",
                        String.format(java.util.Locale.ROOT, "%,d", paid.amountVnd()).replace(',', '.')
                                + " đồng, nộp trực tuyến ngày " + PdfSheet.DATE.format(paid.paidAt().atZone(PdfSheet.VIETNAM))
                                + " (mã giao dịch " + paid.gatewayTxn() + ")"));
                ProcedureDefinition.FeeDue due = feesDue.of(dossier);
                if (fee.isEmpty() && due.exempt()) {
                    pdf.row(rows, "Phí, lệ phí", "Xin miễn lệ phí: " + due.ground().label().vi());
                }
            }
            case SUPPLEMENTATION -> {
                pdf.row(rows, "Nội dung cần bổ sung, hoàn thiện", cause.map(DossierEvent::note).orElse(""));
                pdf.row(rows, "Thời hạn gửi bổ sung", dossier.supplementDue() == null ? "" : PdfSheet.DATE.format(dossier.supplementDue()));
            }
            case REFUSAL -> pdf.row(rows, "Lý do từ chối", cause.map(DossierEvent::note).orElse(""));
            case APOLOGY -> {
                pdf.row(rows, "Lý do chậm trả kết quả", cause.map(DossierEvent::note).orElse(""));
                pdf.row(rows, "Hẹn lại ngày trả kết quả", dossier.appointmentDate() == null ? "" : PdfSheet.DATE.format(dossier.appointmentDate()));
            }
            case RESULT -> {
                pdf.row(rows, "Kết quả", definition.result().vi());
                pdf.row(rows, "Người phê duyệt", cause.map(e -> staffName(e.actor())).orElse(""));
                pdf.row(rows, "Thời gian phê duyệt", cause.map(e -> DATE_TIME.format(e.at())).orElse(""));
            }
        }
        cause.ifPresent(e -> pdf.row(rows, "Ngày lập phiếu", DATE_TIME.format(e.at())));
        pdf.add(rows);
        if (form.kind() == OneStopForm.Kind.APOLOGY) {
            pdf.paragraph(agency.nameVi() + " xin lỗi Ông/Bà vì sự chậm trễ này và hẹn trả kết quả vào ngày ghi trên.");
        }
        // A residence form names the officer who handled it and their unit (Circular 66/2023); the others, who drew it.
        pdf.signature(cause.map(e -> residence ? "Cán bộ xử lý: " + staffName(e.actor()) + " – " + agency.nameVi()
                : "Người lập phiếu: " + e.actor()).orElse(agency.nameVi()));
        return pdf.finish();
    }

    private String staffName(String username) {
        return agencies.staff(username).map(s -> s.fullName()).orElse(username);
    }

    /** The person's items of the declaration as they were declared, the register's name and number when not asked. */
    private void ct01Items(PdfSheet pdf, PdfPTable rows, Dossier dossier, ProcedureDefinition definition) {
        for (String[] item : CT01_ITEMS) {
            Optional<String> declared = definition.fields().filter(f -> item[1].equals(f.prefill())).findFirst()
                    .map(f -> answers.answer(dossier, f, VI));
            String value = declared.filter(v -> !v.isEmpty()).orElseGet(() -> switch (item[1]) {
                case "person.fullName" -> dossier.applicantName();
                case "person.idNumber" -> dossier.applicantIdNumber();
                default -> declared.orElse(null);
            });
            if (value != null) {
                pdf.row(rows, item[0], value);
            }
        }
    }
}
