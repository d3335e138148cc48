package vn.gov.portal.forms;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.authentication;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.multipart;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.mock.web.MockMultipartFile;
import org.springframework.test.web.servlet.MockMvc;
import vn.gov.devstack.TestClock;
import vn.gov.devstack.payment.SimulatedVnpay;
import vn.gov.portal.PortalIntegrationTest;
import vn.gov.portal.attachment.Attachments;
import vn.gov.portal.attachment.TestFiles;
import vn.gov.portal.catalog.ProcedureCatalog;
import vn.gov.portal.catalog.ProcedureDefinition;
import vn.gov.portal.dossier.Decisions;
import vn.gov.portal.dossier.Dossier;
import vn.gov.portal.dossier.Dossiers;
import vn.gov.portal.dossier.Filing;
import vn.gov.portal.identity.PortalUser;

/**
 * A receipt (form 01 / CT04) is kept as issued, so when what it states changes — an exemption ground refused and the
 * fee paid, a fine's amount confirmed — the portal issues a new receipt with its own code, and the printed earlier one
 * still verifies, as superseded, pointing to the current one. Its "Thời gian nhận hồ sơ" is when the agency received
 * the dossier, not when a fee was paid.
 */
class ReissuedReceiptsTest extends PortalIntegrationTest {

    private static final String RECEIVER = "ca.00308.tiepnhan";
    private static final DateTimeFormatter DATE_TIME = DateTimeFormatter.ofPattern("HH:mm 'ngày' dd/MM/yyyy")
            .withZone(PdfSheet.VIETNAM);

    @Autowired
    MockMvc mvc;
    @Autowired
    Filing filing;
    @Autowired
    Dossiers dossiers;
    @Autowired
    Decisions decisions;
    @Autowired
    ProcedureCatalog catalog;
    @Autowired
    TestClock clock;

    @Test
    void aRefusedExemptionThenPaidIssuesANewReceiptAndThePrintedOneVerifiesAsSuperseded() throws Exception {
        PortalUser citizen = citizen(freeAdult(4301), 2);
        Dossier dossier = fileExempt(citizen);
        String form = OneStopForm.RESIDENCE_RECEIPT.number();
        byte[] printed = download(citizen, dossier, form);
        assertThat(PdfText.of(printed)).contains("Xin miễn lệ phí: Người thuộc hộ nghèo");
        String first = currentReceipt(citizen, dossier);

        decisions.decide(officer(RECEIVER), dossier.id(), "refuse-fee-exemption", "Không có tên trong danh sách hộ nghèo",
                dossier.lockVersion());
        String checkout = payments.start(citizen, dossier.id(), "http://127.0.0.1/payments/return", "127.0.0.1").toString();
        Map<String, String> paid = SimulatedVnpay.answer(SimulatedVnpay.orderOf(java.net.URI.create(checkout)), true);
        assertThat(payments.complete(paid).paid()).isTrue();
        // The gateway's confirmation delivered again: applied once, nothing issued twice.
        assertThat(payments.complete(paid).paid()).isTrue();

        String current = currentReceipt(citizen, dossier);
        assertThat(current).isNotEqualTo(first);
        assertThat(receipts(dossier)).as("the printed one and its successor, one current").hasSize(2);
        assertThat(jdbc.sql("select count(*) from audit_log where action = 'document.receipt-superseded' and subject_id = ?")
                .param(dossier.id().toString()).query(Long.class).single()).isOne();
        String now = PdfText.of(download(citizen, dossier, form));
        assertThat(now).contains(current, "Phí, lệ phí đã nộp", "10.000 đồng").doesNotContain("Xin miễn lệ phí", first);
        // The dossier pages, the citizen's and the officer's, list the current one.
        assertThat(html(get("/my/dossiers/" + dossier.id()), citizen)).doesNotContain(first);
        assertThat(html(get("/officer/dossiers/" + dossier.id()), officer(RECEIVER))).contains(current).doesNotContain(first);

        // The printed copy: still the portal's, identical to what was issued, but superseded by the current one.
        String verified = mvc.perform(get("/verify/" + first)).andExpect(status().isOk())
                .andReturn().getResponse().getContentAsString();
        assertThat(verified).contains("id=\"verify-found\"", "id=\"verify-superseded\"", "đã được thay thế",
                "Giấy này không còn giá trị", "id=\"verify-current\"", "href=\"/verify/" + current + "\"",
                "Xem giấy đang có giá trị (mã xác thực " + current + ")");
        assertThat(mvc.perform(get("/verify/" + first).param("lang", "en")).andReturn().getResponse().getContentAsString())
                .contains("This document was superseded", "This one is no longer valid",
                        "See the document in force (verification code " + current + ")");
        assertThat(mvc.perform(multipart("/verify/" + first)
                        .file(new MockMultipartFile("file", "ct04.pdf", "application/pdf", printed)).with(csrf()))
                .andReturn().getResponse().getContentAsString()).contains("id=\"verify-identical\"", "id=\"verify-superseded\"");
        assertThat(mvc.perform(get("/verify/" + current)).andReturn().getResponse().getContentAsString())
                .contains("id=\"verify-found\"").doesNotContain("id=\"verify-superseded\"");
    }

    @Test
    void aFineReceiptDrawnBeforeTheAmountWasConfirmedIsReplacedByOneWithTheAmount() throws Exception {
        PortalUser citizen = citizen(freeAdult(4302), 2);
        Dossier dossier = fileFine(citizen);
        byte[] printed = download(citizen, dossier, OneStopForm.RECEIPT.number());
        assertThat(PdfText.of(printed)).doesNotContain("Số tiền phải nộp theo quyết");
        String first = currentReceipt(citizen, dossier);

        decisions.decide(officer(staffWith(dossier, "RECEIVER")), dossier.id(), "confirm-amount", "", null, "4.000.000",
                dossier.lockVersion());
        String current = currentReceipt(citizen, dossier);
        assertThat(current).isNotEqualTo(first);
        byte[] reissued = download(citizen, dossier, OneStopForm.RECEIPT.number());
        assertThat(PdfText.of(reissued)).contains(current, "Số tiền phải nộp theo quyết", "4.000.000 đồng");
        // Kept as issued: the same bytes again, and still two receipts.
        assertThat(download(citizen, dossier, OneStopForm.RECEIPT.number())).isEqualTo(reissued);
        assertThat(receipts(dossier)).hasSize(2);
        assertThat(mvc.perform(get("/verify/" + first)).andReturn().getResponse().getContentAsString())
                .contains("id=\"verify-superseded\"", "href=\"/verify/" + current + "\"");
    }

    @Test
    void aReceiptNobodyDrewYetIsNotReissuedButDrawnWithTheFactsOfItsFirstDownload() throws Exception {
        PortalUser citizen = citizen(freeAdult(4303), 2);
        Dossier dossier = fileFine(citizen);
        String listed = currentReceipt(citizen, dossier);
        decisions.decide(officer(staffWith(dossier, "RECEIVER")), dossier.id(), "confirm-amount", "", null, "4000000",
                dossier.lockVersion());
        assertThat(receipts(dossier)).containsExactly(listed);
        assertThat(PdfText.of(download(citizen, dossier, OneStopForm.RECEIPT.number())))
                .contains(listed, "Số tiền phải nộp theo quyết", "4.000.000 đồng");
    }

    @Test
    void theReceiptStatesWhenTheAgencyReceivedTheDossierNotWhenTheRefusedGroundsFeeWasPaid() throws Exception {
        PortalUser citizen = citizen(freeAdult(4304), 2);
        // Filed two hours ago: with its ground it skipped the fee and the agency received it then.
        Instant filedAt = Instant.now().minus(Duration.ofHours(2)).truncatedTo(ChronoUnit.MINUTES);
        Dossier dossier;
        try {
            clock.stopAt(filedAt);
            dossier = fileExempt(citizen);
        } finally {
            clock.run();
        }
        assertThat(dossier.receivedAt()).isEqualTo(filedAt);
        decisions.decide(officer(RECEIVER), dossier.id(), "refuse-fee-exemption", "Không có tên trong danh sách hộ nghèo",
                dossier.lockVersion());
        assertThat(payOnline(citizen, dossier.id()).paid()).isTrue();
        Instant paidAt = jdbc.sql("select paid_at from payment where dossier_id = ? and status = 'PAID'")
                .param(dossier.id()).query(java.sql.Timestamp.class).single().toInstant();
        assertThat(dossiers.forCitizen(citizen, dossier.id()).receivedAt()).as("received once, when filed")
                .isEqualTo(filedAt);

        String receipt = PdfText.of(download(citizen, dossier, OneStopForm.RESIDENCE_RECEIPT.number()));
        assertThat(receipt).contains("Thời gian nhận hồ sơ", DATE_TIME.format(filedAt))
                .doesNotContain(DATE_TIME.format(paidAt));
        // The payment's own line keeps the payment's date.
        assertThat(receipt).contains("nộp trực tuyến ngày " + PdfSheet.DATE.format(paidAt.atZone(PdfSheet.VIETNAM)));
    }

    // ---------------------------------------------------------------- helpers

    private byte[] download(PortalUser citizen, Dossier dossier, String form) throws Exception {
        return mvc.perform(get("/my/dossiers/" + dossier.id() + "/forms/" + form).with(authentication(login(citizen))))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsByteArray();
    }

    private String html(org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder request,
                        PortalUser user) throws Exception {
        return mvc.perform(request.with(authentication(login(user)))).andExpect(status().isOk())
                .andReturn().getResponse().getContentAsString();
    }

    /** The code of the receipt the citizen's dossier page lists. */
    private String currentReceipt(PortalUser citizen, Dossier dossier) throws Exception {
        String form = OneStopForm.receiptOf(catalog.get(dossier.procedureCode(), dossier.procedureVersion()).formSet())
                .number();
        Matcher code = Pattern.compile("id=\"code-" + form + "\"[^>]*>([0-9A-Z-]{19})<")
                .matcher(html(get("/my/dossiers/" + dossier.id()), citizen));
        assertThat(code.find()).as("the page lists the receipt").isTrue();
        return code.group(1);
    }

    private List<String> receipts(Dossier dossier) {
        return jdbc.sql("select code from issued_document where dossier_id = ? and form in ('01', 'CT04') order by issued_at")
                .param(dossier.id()).query(String.class).list();
    }

    /** A move into the filer's own home in Phường Hoàn Kiếm (00308), declaring the poor-household ground with its proof. */
    private Dossier fileExempt(PortalUser citizen) {
        ProcedureDefinition move = catalog.find("permanent-residence").orElseThrow();
        UUID formId = attachments.attachToDraft(citizen, move, UUID.randomUUID(), "feeExemptionProof",
                new Attachments.Upload("ho-ngheo.pdf", TestFiles.pdf("Hộ nghèo"))).dossierId();
        Map<String, String> answers = new HashMap<>(Map.of("phone", "0912345678", "newProvince", "01",
                "newCommune", "00308", "newAddressDetail", "Số 9, phố Hàng Bông", "basis", "OWN_HOME",
                "request", "Đăng ký thường trú vào nhà của tôi", "feeExemption", "poorHousehold"));
        Filing.Outcome outcome = filing.submit(citizen, move, formId, answers);
        assertThat(outcome).as(outcome.toString()).isInstanceOf(Filing.Submitted.class);
        Dossier dossier = ((Filing.Submitted) outcome).dossier();
        assertThat(dossier.statusCode()).as("straight to intake").isEqualTo(1);
        return dossier;
    }

    private Dossier fileFine(PortalUser citizen) {
        Map<String, String> answers = new HashMap<>(Map.of("phone", "0912345678",
                "violationRecordNumber", (UUID.randomUUID().toString().substring(0, 8) + "/QĐ-XPHC").toUpperCase(),
                "plateNumber", "29H1-234.56", "fineAmount", "10000"));
        Dossier dossier = ((Filing.Submitted) filing.submit(citizen, catalog.find("traffic-fine-payment").orElseThrow(),
                UUID.randomUUID(), answers)).dossier();
        assertThat(dossier.state()).isEqualTo("submitted");
        return dossier;
    }
}
