package vn.gov.portal.payment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.authentication;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.net.URI;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.MockMvc;
import vn.gov.devstack.payment.SimulatedVnpay;
import vn.gov.portal.PortalIntegrationTest;
import vn.gov.portal.catalog.ProcedureCatalog;
import vn.gov.portal.dossier.Decisions;
import vn.gov.portal.dossier.Dossier;
import vn.gov.portal.dossier.Dossiers;
import vn.gov.portal.dossier.Filing;
import vn.gov.portal.dossier.UserFacingException;
import vn.gov.portal.identity.PortalUser;

/**
 * A traffic fine is paid at the amount the provincial traffic police confirm after checking the penalty decision in
 * their own system, never at the amount the citizen typed (the review's repro: a 4,000,000 đ decision stated as
 * 10,000 đ); the officer sees other dossiers of the same decision and refuses a second payment with a reason.
 */
class TrafficFineConfirmationTest extends PortalIntegrationTest {

    private static final long STATED = 10_000;
    private static final long DECIDED = 4_000_000;

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

    @Test
    void theTypedAmountIsNotChargedBeforeTheTrafficPoliceConfirmAndThenTheConfirmedAmountIs() throws Exception {
        PortalUser citizen = citizen(freeAdult(700), 2);
        Dossier dossier = fileFine(citizen, decisionNumber());
        String page = "/my/dossiers/" + dossier.id();

        // Submitted, nothing to pay: no payment button, and a payment started anyway is refused, recording nothing.
        assertThat(dossier.state()).isEqualTo("submitted");
        String before = mvc.perform(get(page).with(authentication(login(citizen)))).andExpect(status().isOk())
                .andReturn().getResponse().getContentAsString();
        assertThat(before).doesNotContain("id=\"payment-form\"", "id=\"amount-due\"");
        assertThatThrownBy(() -> payOnline(citizen, dossier.id())).isInstanceOf(UserFacingException.class)
                .extracting("code").isEqualTo("payment.notDue");
        mvc.perform(post(page + "/payment").with(csrf()).with(authentication(login(citizen))))
                .andExpect(redirectedUrl(page));
        assertThat(payments(dossier.id())).isEmpty();

        // The officer's form asks for the amount, prefilled with what the citizen stated; they confirm the decision's.
        PortalUser receiver = officer(staffWith(dossier, "RECEIVER"));
        String officerPage = mvc.perform(get("/officer/dossiers/" + dossier.id()).with(authentication(login(receiver))))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        assertThat(officerPage).contains("id=\"amount-confirm-amount\"", "name=\"amountDue\"", "value=\"10000\"",
                "for=\"amount-confirm-amount\"", "Số tiền phải nộp theo quyết định (đồng)", "Người nộp ghi: 10.000 đồng");
        confirm(receiver, dossier, "4.000.000").andExpect(redirectedUrl("/officer/dossiers/" + dossier.id()));
        Dossier confirmed = dossiers.forCitizen(citizen, dossier.id());
        assertThat(confirmed.state()).isEqualTo("awaiting-payment");
        assertThat(confirmed.amountDueVnd()).isEqualTo(DECIDED);
        assertThat(confirmed.answers()).containsEntry("fineAmount", String.valueOf(STATED));   // kept as stated
        assertThat(jdbc.sql("select count(*) from notification where dossier_id = ? and kind = 'FEE_DUE'")
                .param(dossier.id()).query(Long.class).single()).as("the citizen is told to pay").isOne();
        assertThat(jdbc.sql("select count(*) from audit_log where action = 'dossier.amount-confirmed' and subject_id = ?")
                .param(dossier.id().toString()).query(Long.class).single()).isOne();

        // The citizen is told the decision's amount and that it differs from theirs; the officers see it too.
        String after = mvc.perform(get(page).with(authentication(login(citizen)))).andExpect(status().isOk())
                .andReturn().getResponse().getContentAsString();
        assertThat(after).contains("id=\"amount-due\"", "Số tiền phải nộp theo quyết định: 4.000.000 đồng",
                "id=\"payment-amount-differs\"", "khác với số tiền bạn ghi khi nộp hồ sơ (10.000 đồng)");
        assertThat(mvc.perform(get(page + "/submitted").with(authentication(login(citizen))))
                .andReturn().getResponse().getContentAsString()).contains("Số tiền phải nộp theo quyết định: 4.000.000 đồng");
        assertThat(mvc.perform(get(page).param("lang", "en").with(authentication(login(citizen))))
                .andReturn().getResponse().getContentAsString())
                .contains("Amount due under the decision: VND 4,000,000", "the amount you stated when filing (VND 10,000)");
        assertThat(mvc.perform(get("/officer/dossiers/" + dossier.id()).with(authentication(login(receiver))))
                .andReturn().getResponse().getContentAsString())
                .contains("id=\"amount-due\"", "4.000.000 đồng", "Khác với số tiền người nộp ghi (10.000 đồng)");

        // The payment charges the confirmed amount; the gateway confirming the stated amount changes nothing.
        URI checkout = payments.start(citizen, dossier.id(), "http://127.0.0.1/payments/return", "127.0.0.1");
        Map<String, String> order = SimulatedVnpay.orderOf(checkout);
        assertThat(order).containsEntry("vnp_Amount", String.valueOf(DECIDED * 100));
        Map<String, String> typedAmount = new HashMap<>(order);
        typedAmount.put("vnp_Amount", String.valueOf(STATED * 100));
        assertThat(payments.complete(SimulatedVnpay.answer(typedAmount, true)).messageCode())
                .isEqualTo("payment.amountMismatch");
        assertThat(dossiers.forCitizen(citizen, dossier.id()).state()).isEqualTo("awaiting-payment");
        assertThat(payments.complete(SimulatedVnpay.answer(order, true)).paid()).isTrue();
        assertThat(dossiers.forCitizen(citizen, dossier.id()).state()).isEqualTo("closed");
        assertThat(payments(dossier.id())).containsExactly("PAID " + DECIDED);
    }

    @Test
    void aBadAmountIsShownAgainWithTheErrorSummaryAndChangesNothing() throws Exception {
        PortalUser citizen = citizen(freeAdult(710), 2);
        Dossier dossier = fileFine(citizen, decisionNumber());
        PortalUser receiver = officer(staffWith(dossier, "RECEIVER"));
        Map<String, String> bad = Map.of("", "Hãy nhập số tiền phải nộp", "0", "phải lớn hơn 0",
                "bốn triệu", "không có phần lẻ", "12,5", "không có phần lẻ", "2000000001", "không được quá 2.000.000.000 đồng");
        for (Map.Entry<String, String> typed : bad.entrySet()) {
            String html = confirm(receiver, dossier, typed.getKey()).andExpect(status().is(422))
                    .andReturn().getResponse().getContentAsString();
            assertThat(html).as(typed.getKey()).contains("id=\"error-summary\"", "href=\"#amount-confirm-amount\"",
                    typed.getValue(), "id=\"amount-confirm-amount-error\"", "aria-invalid=\"true\"",
                    "value=\"" + typed.getKey() + "\"");
            Dossier same = dossiers.forCitizen(citizen, dossier.id());
            assertThat(same.state()).isEqualTo("submitted");
            assertThat(same.amountDueVnd()).isNull();
            assertThat(same.lockVersion()).isEqualTo(dossier.lockVersion());
        }
        assertThat(confirm(receiver, dossier, "").andReturn().getResponse().getContentAsString())
                .doesNotContain("id=\"amount-refuse\"");   // the refusal's form asks for no amount
        assertThat(jdbc.sql("select count(*) from audit_log where action = 'dossier.amount-confirmed' and subject_id = ?")
                .param(dossier.id().toString()).query(Long.class).single()).isZero();
    }

    @Test
    void onlyTheReceiverOfTheRoutedAgencyConfirmsAndARefusalNeedsAReason() throws Exception {
        PortalUser citizen = citizen(freeAdult(720), 2);
        Dossier dossier = fileFine(citizen, decisionNumber());
        String province = permanent(citizen.subject(), "province_code");
        String otherProvince = province.equals("01") ? "79" : "01";

        // Another role of the agency: refused; an officer of another province's police: the dossier does not exist.
        assertThatThrownBy(() -> decisions.decide(officer("cat." + province + ".xuly"), dossier.id(), "confirm-amount",
                "", null, "4000000", dossier.lockVersion())).isInstanceOf(UserFacingException.class)
                .extracting("code").isEqualTo("decision.roleMissing");
        confirm(officer("cat." + otherProvince + ".tiepnhan"), dossier, "4000000").andExpect(status().isNotFound());
        // Nor the citizen, who may only withdraw.
        mvc.perform(post("/my/dossiers/" + dossier.id() + "/actions").with(csrf()).with(authentication(login(citizen)))
                .param("event", "confirm-amount").param("amountDue", "1").param("lockVersion", String.valueOf(dossier.lockVersion())))
                .andExpect(redirectedUrl("/my/dossiers/" + dossier.id()));
        assertThat(dossiers.forCitizen(citizen, dossier.id()).amountDueVnd()).isNull();
        assertThat(dossiers.forCitizen(citizen, dossier.id()).state()).isEqualTo("submitted");

        // A refusal without a reason is shown again; with one it ends the dossier, nothing to pay.
        PortalUser receiver = officer("cat." + province + ".tiepnhan");
        String html = mvc.perform(post("/officer/dossiers/" + dossier.id() + "/decisions").with(csrf())
                        .with(authentication(login(receiver))).param("event", "refuse").param("note", " ")
                        .param("lockVersion", String.valueOf(dossier.lockVersion())))
                .andExpect(status().is(422)).andReturn().getResponse().getContentAsString();
        assertThat(html).contains("id=\"error-summary\"", "href=\"#note-refuse\"");
        assertThat(dossiers.forCitizen(citizen, dossier.id()).state()).isEqualTo("submitted");
        Dossier refused = decisions.decide(receiver, dossier.id(), "refuse", "Quyết định đã được nộp phạt.", null,
                dossier.lockVersion());
        assertThat(refused.state()).isEqualTo("refused");
        assertThat(refused.statusCode()).isEqualTo(3);
        assertThat(refused.amountDueVnd()).isNull();
        assertThat(dossiers.actionsFor(citizen, refused)).isEmpty();
    }

    @Test
    void theOfficerSeesOtherDossiersOfTheSameDecisionWithTheirStatus() throws Exception {
        String decision = decisionNumber();
        PortalUser first = citizen(freeAdult(730), 2);
        Dossier paid = fileFine(first, decision);
        decisions.decide(officer(staffWith(paid, "RECEIVER")), paid.id(), "confirm-amount", "", null, "4000000",
                paid.lockVersion());
        assertThat(payOnline(first, paid.id()).paid()).isTrue();

        // Another citizen files the same decision, written with other case and spaces.
        PortalUser second = citizen(freeAdult(740), 2);
        Dossier again = fileFine(second, decision.toLowerCase().replace("/", " / "));
        String html = mvc.perform(get("/officer/dossiers/" + again.id())
                        .with(authentication(login(officer(staffWith(again, "RECEIVER"))))))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        assertThat(html).contains("id=\"repeats-violationRecordNumber\"", "id=\"repeats-warning-violationRecordNumber\"",
                "id=\"repeat-" + paid.receiptCode() + "\"", "Đã cấp biên lai", "4.000.000 đồng")
                .doesNotContain(dossiers.forCitizen(first, paid.id()).applicantName());

        // A decision nobody else filed says so.
        Dossier alone = fileFine(citizen(freeAdult(750), 2), decisionNumber());
        assertThat(mvc.perform(get("/officer/dossiers/" + alone.id())
                        .with(authentication(login(officer(staffWith(alone, "RECEIVER"))))))
                .andReturn().getResponse().getContentAsString())
                .contains("id=\"repeats-none-violationRecordNumber\"").doesNotContain("id=\"repeats-warning-");
    }

    // ---------------------------------------------------------------- helpers

    /** A decision number no other test files. */
    private static String decisionNumber() {
        return (UUID.randomUUID().toString().substring(0, 8) + "/QĐ-XPHC").toUpperCase();
    }

    private Dossier fileFine(PortalUser citizen, String decision) {
        Map<String, String> answers = new HashMap<>();
        answers.put("phone", "0912345678");
        answers.put("violationRecordNumber", decision);
        answers.put("plateNumber", "29H1-234.56");
        answers.put("fineAmount", String.valueOf(STATED));
        Dossier dossier = ((Filing.Submitted) filing.submit(citizen, catalog.find("traffic-fine-payment").orElseThrow(),
                UUID.randomUUID(), answers)).dossier();
        assertThat(dossier.statusCode()).isEqualTo(1);
        return dossier;
    }

    private org.springframework.test.web.servlet.ResultActions confirm(PortalUser officer, Dossier dossier, String amount)
            throws Exception {
        return mvc.perform(post("/officer/dossiers/" + dossier.id() + "/decisions").with(csrf())
                .with(authentication(login(officer))).param("event", "confirm-amount").param("amountDue", amount)
                .param("lockVersion", String.valueOf(dossier.lockVersion())));
    }
}
