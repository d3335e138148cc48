package vn.gov.portal.payment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.authentication;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.net.URI;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import vn.gov.devstack.payment.SimulatedVnpay;
import vn.gov.portal.PortalIntegrationTest;
import vn.gov.portal.catalog.ProcedureCatalog;
import vn.gov.portal.catalog.ProcedureDefinition;
import vn.gov.portal.catalog.WorkflowDefinition.Transition;
import vn.gov.portal.dossier.Decisions;
import vn.gov.portal.dossier.Dossier;
import vn.gov.portal.dossier.DossierEvent;
import vn.gov.portal.dossier.Dossiers;
import vn.gov.portal.dossier.Filing;
import vn.gov.portal.dossier.QueueFilter;
import vn.gov.portal.dossier.UserFacingException;
import vn.gov.portal.forms.OneStopForm;
import vn.gov.portal.forms.OneStopForms;
import vn.gov.portal.forms.PdfText;
import vn.gov.portal.identity.PortalUser;

/**
 * The online fee of a procedure, collected as its definition says (passport: 200,000 VND before intake) through the
 * same payment path as the traffic fine: the simulated VNPAY gateway's signed answer, checked by the portal.
 */
class FeeCollectionTest extends PortalIntegrationTest {

    private static final long PASSPORT_FEE = 200_000;

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
    OneStopForms forms;
    @Autowired
    AbandonedPayments abandoned;

    @Test
    void theFeeIsShownBeforeSubmittingAndOnlyThePaidDossierReachesTheAgency() throws Exception {
        PortalUser citizen = citizen(freeAdult(2700), 2);
        ProcedureDefinition passport = catalog.find("passport").orElseThrow();
        UUID formId = attachRequired(citizen, passport, UUID.randomUUID());
        filing.save(citizen, passport, formId, passportAnswers(citizen));

        // The amount, and when it is paid, on the page where the citizen sends the dossier.
        String review = page(get("/procedures/passport/apply").param("step", "review"), citizen);
        assertThat(review).contains("id=\"fee-due\"", "200.000 đồng", "Sau khi gửi hồ sơ, bạn thanh toán");
        assertThat(page(get("/procedures/passport/apply").param("step", "review").param("lang", "en"), citizen))
                .contains("id=\"fee-due\"", "VND 200,000");

        Dossier dossier = ((Filing.Submitted) filing.submit(citizen, passport, formId, passportAnswers(citizen))).dossier();
        assertThat(dossier.statusCode()).isEqualTo(6);
        String receiver = "cat." + permanent(citizen.subject(), "province_code") + ".tiepnhan";
        QueueFilter byCode = new QueueFilter(null, null, null, null, dossier.receiptCode());

        // Unpaid: not in the agency's queue, no officer may act on it, no receipt of intake yet.
        assertThat(dossiers.queue(officer(receiver), byCode, 0)).isEmpty();
        assertThat(dossiers.actionsFor(officer(receiver), dossier)).isEmpty();
        int unpaidVersion = dossier.lockVersion();
        assertThatThrownBy(() -> decisions.decide(officer(receiver), dossier.id(), "receive", "", unpaidVersion))
                .isInstanceOf(UserFacingException.class).extracting("code").isEqualTo("error.notFound");
        // Not even by its address, nor in the agency's register book: the agency has not received it.
        mvc.perform(get("/officer/dossiers/" + dossier.id()).with(authentication(login(officer(receiver)))))
                .andExpect(status().isNotFound());
        String today = java.time.LocalDate.now(java.time.ZoneId.of("Asia/Ho_Chi_Minh")).toString();
        assertThat(page(get("/officer/register-book").param("from", today).param("to", today), officer(receiver)))
                .doesNotContain(dossier.receiptCode());
        assertThat(forms.available(dossier)).doesNotContain(OneStopForm.RECEIPT);
        assertThat(dossiers.actionsFor(citizen, dossier)).extracting(Transition::event, Transition::payment)
                .containsExactlyInAnyOrder(tuple("pay", true), tuple("withdraw", false));
        assertThat(page(get("/my/dossiers/" + dossier.id() + "/submitted"), citizen))
                .contains("id=\"payment-form\"", "200.000").doesNotContain("id=\"fee-paid\"")
                .as("no link to a receipt that is not given out yet").doesNotContain("id=\"receipt-form\"");

        assertThat(payOnline(citizen, dossier.id()).paid()).isTrue();
        Dossier paid = dossiers.forCitizen(citizen, dossier.id());
        assertThat(paid.state()).isEqualTo("submitted");
        assertThat(paid.statusCode()).isEqualTo(1);
        assertThat(dossiers.timeline(paid)).extracting(DossierEvent::event, DossierEvent::actorKind)
                .containsExactly(tuple("submit", "CITIZEN"), tuple("pay", "PAYMENT"));
        assertThat(payments(dossier.id())).containsExactly("PAID " + PASSPORT_FEE);

        // Paid: in the queue with the fee, on both dossier pages, on the receipt, in the book; the officer receives it.
        assertThat(page(get("/officer/register-book").param("from", today).param("to", today), officer(receiver)))
                .contains(dossier.receiptCode());
        assertThat(dossiers.queue(officer(receiver), byCode, 0)).extracting(Dossier::id).containsExactly(dossier.id());
        assertThat(page(get("/officer/queue").param("q", dossier.receiptCode()), officer(receiver)))
                .contains("id=\"fee-paid-" + dossier.receiptCode() + "\"", "Đã nộp lệ phí 200.000 đồng");
        assertThat(page(get("/my/dossiers/" + dossier.id()), citizen)).contains("id=\"fee-paid\"", "200.000 đồng, ngày")
                .doesNotContain("id=\"payment-form\"");
        assertThat(page(get("/officer/dossiers/" + dossier.id()), officer(receiver))).contains("id=\"fee-paid\"", "200.000 đồng");
        assertThat(forms.available(paid)).contains(OneStopForm.RECEIPT);
        assertThat(PdfText.of(forms.render(paid, OneStopForm.RECEIPT))).contains("Phí, lệ phí đã nộp", "200.000 đồng");
        Dossier received = decisions.decide(officer(receiver), paid.id(), "receive", "", paid.lockVersion());
        assertThat(received.statusCode()).isEqualTo(2);
    }

    /** The agency's legal time starts when it may receive the dossier: at the payment, not at the filing. */
    @Test
    void theAppointmentCountsFromThePaymentNotFromTheFiling(@Autowired vn.gov.devstack.TestClock clock,
            @Autowired vn.gov.portal.workflow.HolidayCalendarSource calendars) throws Exception {
        PortalUser citizen = citizen(freeAdult(2703), 2);
        ProcedureDefinition passport = catalog.find("passport").orElseThrow();
        UUID formId = attachRequired(citizen, passport, UUID.randomUUID());
        java.time.ZoneId vietnam = java.time.ZoneId.of("Asia/Ho_Chi_Minh");
        java.time.LocalDate monday = java.time.LocalDate.now(vietnam).with(java.time.temporal.TemporalAdjusters.next(
                java.time.DayOfWeek.MONDAY));
        try {
            clock.stopAt(monday.atTime(9, 0).atZone(vietnam).toInstant());
            Dossier filed = ((Filing.Submitted) filing.submit(citizen, passport, formId, passportAnswers(citizen))).dossier();
            java.time.LocalDate dueIfFiled = filed.appointmentDate();
            clock.stopAt(monday.plusDays(3).atTime(9, 0).atZone(vietnam).toInstant());   // paid on Thursday
            assertThat(payOnline(citizen, filed.id()).paid()).isTrue();
            Dossier paid = dossiers.forCitizen(citizen, filed.id());
            java.time.LocalDateTime thursday = monday.plusDays(3).atTime(9, 0);
            assertThat(paid.appointmentDate()).as("counted from Thursday's payment")
                    .isEqualTo(calendars.current().appointment(thursday, passport.deadline().workingDays()))
                    .isAfter(dueIfFiled);
            // The receipt says it was received when the payment was confirmed (received_at, on the portal's clock:
            // Thursday), not at Monday's filing.
            java.time.format.DateTimeFormatter day = java.time.format.DateTimeFormatter.ofPattern("dd/MM/yyyy");
            assertThat(paid.receivedAt()).isEqualTo(thursday.atZone(vietnam).toInstant());
            assertThat(PdfText.of(forms.render(paid, OneStopForm.RECEIPT)))
                    .contains("Thời gian nhận hồ sơ09:00 ngày " + thursday.format(day), paid.appointmentDate().format(day))
                    .doesNotContain("09:00 ngày " + monday.format(day));
        } finally {
            clock.run();
        }
    }

    @Test
    void theGatewaysConfirmationDeliveredAgainPaysOnce() throws Exception {
        PortalUser citizen = citizen(freeAdult(2701), 2);
        Dossier dossier = submitPassport(citizen);
        URI checkout = payments.start(citizen, dossier.id(), "http://127.0.0.1/payments/return", "127.0.0.1");
        assertThat(SimulatedVnpay.orderOf(checkout)).containsEntry("vnp_Amount", String.valueOf(PASSPORT_FEE * 100));
        Map<String, String> confirmation = SimulatedVnpay.answer(SimulatedVnpay.orderOf(checkout), true);

        // Two deliveries at once (a double reload), then a third later: one payment, one step of the dossier.
        List<Payments.Completion> both = twiceAtOnce(() -> payments.complete(confirmation));
        assertThat(both).extracting(Payments.Completion::paid).containsExactly(true, true);
        Dossier paid = dossiers.forCitizen(citizen, dossier.id());
        assertThat(payments.complete(confirmation).paid()).isTrue();

        assertThat(payments(dossier.id())).containsExactly("PAID " + PASSPORT_FEE);
        Dossier after = dossiers.forCitizen(citizen, dossier.id());
        assertThat(after.statusCode()).isEqualTo(1);
        assertThat(after.lockVersion()).isEqualTo(paid.lockVersion());
        assertThat(dossiers.timeline(after)).extracting(DossierEvent::event).containsExactly("submit", "pay");
    }

    @Test
    void aDossierWithdrawnBeforePayingKeepsALatePaymentForRefundAndAnAbandonedAttemptLeavesItDue() throws Exception {
        PortalUser citizen = citizen(freeAdult(2702), 2);
        Dossier dossier = submitPassport(citizen);

        // An attempt abandoned at the gateway expires; the fee is still due and can be paid.
        payments.start(citizen, dossier.id(), "http://127.0.0.1/payments/return", "127.0.0.1");
        jdbc.sql("update payment set created_at = created_at - interval '2 hours' where dossier_id = ?")
                .param(dossier.id()).update();
        abandoned.expire();
        assertThat(payments(dossier.id())).containsExactly("EXPIRED " + PASSPORT_FEE);
        assertThat(dossiers.forCitizen(citizen, dossier.id()).statusCode()).isEqualTo(6);

        // Withdrawn while the next attempt is open: the money that still comes is kept for refund, the dossier stays.
        URI checkout = payments.start(citizen, dossier.id(), "http://127.0.0.1/payments/return", "127.0.0.1");
        Dossier withdrawn = decisions.act(citizen, dossier.id(), "withdraw", "", dossier.lockVersion());
        assertThat(withdrawn.statusCode()).isEqualTo(7);
        Payments.Completion late = payments.complete(SimulatedVnpay.answer(SimulatedVnpay.orderOf(checkout), true));
        assertThat(late.paid()).isFalse();
        assertThat(late.messageCode()).isEqualTo("payment.noLongerDue");
        assertThat(payments(dossier.id())).containsExactly("EXPIRED " + PASSPORT_FEE, "UNAPPLIED " + PASSPORT_FEE);
        assertThat(dossiers.forCitizen(citizen, dossier.id()).state()).isEqualTo("withdrawn");
        assertThat(page(get("/my/dossiers/" + dossier.id()), citizen)).doesNotContain("id=\"fee-paid\"");
        // Never received, so never a receipt: not listed, not given out, not linked.
        Dossier closed = dossiers.forCitizen(citizen, dossier.id());
        assertThat(forms.available(closed)).doesNotContain(OneStopForm.RECEIPT);
        assertThat(page(get("/my/dossiers/" + dossier.id() + "/submitted"), citizen)).doesNotContain("id=\"receipt-form\"");
        mvc.perform(get("/my/dossiers/" + dossier.id() + "/forms/01").with(authentication(login(citizen))))
                .andExpect(status().isNotFound());
    }

    @Test
    void aProcedureWithoutAFeeIsFiledAndReceivedAsBefore() throws Exception {
        PortalUser citizen = citizen(freeAdult(2703), 2);
        ProcedureDefinition absence = catalog.find("temporary-absence").orElseThrow();
        assertThat(absence.fees().online()).isZero();
        Map<String, String> answers = new HashMap<>(Map.of("phone", "0912345678", "absenceCase", "MILITARY_AGE",
                "periodFrom", java.time.LocalDate.now().plusDays(1).toString(),
                "periodTo", java.time.LocalDate.now().plusMonths(2).toString(), "reason", "Đi làm xa",
                "destProvince", "01", "destCommune", "00304", "destAddressDetail", "Số 1, đường Lê Lợi"));
        Filing.Outcome outcome = filing.submit(citizen, absence, UUID.randomUUID(), answers);
        assertThat(outcome).as(outcome.toString()).isInstanceOf(Filing.Submitted.class);
        Dossier dossier = ((Filing.Submitted) outcome).dossier();

        assertThat(dossier.statusCode()).isEqualTo(1);
        assertThat(dossiers.actionsFor(citizen, dossier)).noneMatch(Transition::payment);
        assertThatThrownBy(() -> payments.start(citizen, dossier.id(), "http://127.0.0.1/payments/return", "127.0.0.1"))
                .isInstanceOf(UserFacingException.class).extracting("code").isEqualTo("payment.notDue");
        assertThat(payments(dossier.id())).isEmpty();
        assertThat(dossiers.timeline(dossier)).extracting(DossierEvent::event).containsExactly("submit");
        OneStopForm receipt = OneStopForm.receiptOf(absence.formSet());   // a residence procedure: CT04
        assertThat(forms.available(dossier)).contains(receipt);
        assertThat(PdfText.of(forms.render(dossier, receipt))).doesNotContain("lệ phí");
        assertThat(page(get("/my/dossiers/" + dossier.id()), citizen)).doesNotContain("id=\"fee-paid\"", "id=\"payment-form\"");
    }

    // ---------------------------------------------------------------- helpers

    private Map<String, String> passportAnswers(PortalUser citizen) {
        Map<String, String> answers = new HashMap<>();
        answers.put("phone", "0912345678");
        answers.put("subject", citizen.subject());
        answers.put("requestType", "FIRST");
        answers.put("resultDelivery", "AGENCY");
        return answers;
    }

    private Dossier submitPassport(PortalUser citizen) {
        ProcedureDefinition passport = catalog.find("passport").orElseThrow();
        Filing.Outcome outcome = filing.submit(citizen, passport, attachRequired(citizen, passport, UUID.randomUUID()),
                passportAnswers(citizen));
        assertThat(outcome).as(outcome.toString()).isInstanceOf(Filing.Submitted.class);
        Dossier dossier = ((Filing.Submitted) outcome).dossier();
        assertThat(dossier.statusCode()).isEqualTo(6);
        return dossier;
    }

    private String page(MockHttpServletRequestBuilder request, PortalUser user) throws Exception {
        return mvc.perform(request.with(authentication(login(user)))).andExpect(status().isOk())
                .andReturn().getResponse().getContentAsString();
    }

}
