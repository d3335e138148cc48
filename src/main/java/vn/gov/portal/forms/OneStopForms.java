package vn.gov.portal.forms;

import com.lowagie.text.PageSize;
import com.lowagie.text.pdf.PdfPTable;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Service;
import vn.gov.portal.agency.Agency;
import vn.gov.portal.agency.AgencyDirectory;
import vn.gov.portal.catalog.FormSet;
import vn.gov.portal.catalog.ProcedureCatalog;
import vn.gov.portal.catalog.ProcedureDefinition;
import vn.gov.portal.dossier.AnswerSheets;
import vn.gov.portal.dossier.Dossier;
import vn.gov.portal.dossier.DossierEvent;
import vn.gov.portal.dossier.Dossiers;
import vn.gov.portal.dossier.UserFacingException;

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
    private final Receipts receipts;
    /** Where the public verification page is, printed on every document: {@code <publicUrl>/verify/<code>}. */
    private final String publicUrl;

    OneStopForms(Dossiers dossiers, AgencyDirectory agencies, ProcedureCatalog catalog, IssuedDocuments issued,
                 Receipts receipts, PdfFonts fonts, AnswerSheets answers, @Value("${portal.public-url}") String publicUrl) {
        this.issued = issued;
        this.receipts = receipts;
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

    /**
     * The PDF as issued: drawn on the first call, the same bytes on every later call for the same event; for the
     * receipt, the current one. A receipt whose recorded facts are not those it was drawn with (a move changed them
     * meanwhile) is not stored: it is brought up to date and drawn again from the dossier as it is now.
     */
    public byte[] render(Dossier dossier, OneStopForm form) {
        for (int attempt = 1; ; attempt++) {
            List<DossierEvent> timeline = timelineOf(dossier);
            IssuedDocument document = issue(dossier, form, timeline);
            ReceiptFacts facts = form.kind() == OneStopForm.Kind.RECEIPT ? receipts.factsOf(dossier) : null;
            Dossier drawn = dossier;
            Optional<byte[]> pdf = issued.pdf(document, facts == null ? null : facts.fingerprint(),
                    code -> draw(drawn, form, cause(form, timeline), code, facts));
            if (pdf.isPresent()) {
                return pdf.get();
            }
            if (attempt == 3) {
                throw new IllegalStateException("receipt " + document.code() + " keeps changing while drawn");
            }
            dossier = dossiers.refreshed(dossier);
            receipts.reconcile(dossier);
        }
    }

    /** The document of this form for the latest event it records, its code issued on first use. */
    public IssuedDocument issue(Dossier dossier, OneStopForm form) {
        return issue(dossier, form, timelineOf(dossier));
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
        return catalog.of(dossier);
    }

    /**
     * The receipt (form 01 / CT04) only once the agency received the dossier ({@link Dossier#receivedByAgency}): not
     * while it waits for its fee before intake or for the other party, nor after it ended there (withdrawn, declined).
     */
    private List<OneStopForm> available(Dossier dossier, List<DossierEvent> timeline) {
        if (timeline == null) {
            return List.of();
        }
        return OneStopForm.of(formSet(dossier)).stream()
                .filter(f -> f.kind() != OneStopForm.Kind.RECEIPT || dossier.receivedByAgency())
                .filter(f -> f.event() == null || timeline.stream().anyMatch(e -> e.event().equals(f.event())))
                .toList();
    }

    /**
     * The receipt to link from the confirmation page, if the citizen may download it: once the agency received the
     * dossier, as for every receipt (a marriage awaiting the partner, a fee before intake unpaid: not yet).
     */
    public Optional<OneStopForm> receiptOnConfirmation(Dossier dossier) {
        return dossier.receivedByAgency() ? Optional.of(OneStopForm.receiptOf(formSet(dossier))) : Optional.empty();
    }

    private IssuedDocument issue(Dossier dossier, OneStopForm form, List<DossierEvent> timeline) {
        if (!available(dossier, timeline).contains(form)) {
            throw UserFacingException.notFound();
        }
        if (form.kind() == OneStopForm.Kind.RECEIPT) {
            return receipts.current(dossier);
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

    /** Draws the form; a receipt states {@code facts} (null for the other forms). */
    private byte[] draw(Dossier dossier, OneStopForm form, Optional<DossierEvent> cause, String code, ReceiptFacts facts) {
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
        // When the agency received the dossier (received_at): for a fee paid before intake the payment, for an
        // exemption ground the filing, even if the ground was refused and the fee paid later.
        Instant received = facts != null ? facts.receivedAt() : ReceiptFacts.receivedAt(dossier);
        pdf.row(rows, "Thời gian nhận hồ sơ", received == null ? "" : DATE_TIME.format(received));
        switch (form.kind()) {
            case RECEIPT -> {
                pdf.row(rows, "Thời gian trả kết quả", dossier.appointmentDate() == null ? "" : PdfSheet.DATE.format(dossier.appointmentDate()));
                pdf.row(rows, "Nhận kết quả tại", agency.nameVi() + " hoặc trực tuyến tại Cổng Dịch vụ công");
                if (facts.amountDueVnd() != null) {
                    pdf.row(rows, "Số tiền phải nộp theo quyết định", vnd(facts.amountDueVnd()) + " đồng");
                }
                if (facts.paid() != null) {
                    pdf.row(rows, "Phí, lệ phí đã nộp", vnd(facts.paid().amountVnd()) + " đồng, nộp trực tuyến ngày "
                            + PdfSheet.DATE.format(facts.paid().paidAt().atZone(PdfSheet.VIETNAM))
                            + " (mã giao dịch " + facts.paid().gatewayTxn() + ")");
                }
                if (facts.exemption() != null) {
                    pdf.row(rows, "Phí, lệ phí", "Xin miễn lệ phí: " + facts.exemption().label().vi());
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

    private static String vnd(long amount) {
        return String.format(Locale.ROOT, "%,d", amount).replace(',', '.');
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
