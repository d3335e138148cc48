package vn.gov.portal.payment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.authentication;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.net.CookieManager;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import org.springframework.web.util.HtmlUtils;
import vn.gov.devstack.payment.SimulatedVnpay;
import vn.gov.portal.PortalIntegrationTest;
import vn.gov.portal.catalog.ProcedureCatalog;
import vn.gov.portal.dossier.Dossier;
import vn.gov.portal.dossier.DossierEvent;
import vn.gov.portal.dossier.Dossiers;
import vn.gov.portal.dossier.Filing;
import vn.gov.portal.identity.PortalUser;

/**
 * Paying a traffic fine online over HTTP: the portal sends the citizen to the (simulated) VNPAY gateway with the
 * signed order, and only the gateway's signed confirmation, checked by the portal, moves the dossier on.
 */
class OnlinePaymentTest extends PortalIntegrationTest {

    private static final long FINE = 1_250_000;

    @Autowired
    MockMvc mvc;
    @Autowired
    Filing filing;
    @Autowired
    Dossiers dossiers;
    @Autowired
    ProcedureCatalog catalog;
    @Autowired
    AbandonedPayments abandoned;
    @Autowired
    vn.gov.portal.dossier.Decisions decisions;
    @org.springframework.boot.test.web.server.LocalServerPort
    int port;

    /** VNPAY's notifications come to the IPN URL over HTTP, server to server. */
    private URI ipnUrl() {
        return URI.create("http://127.0.0.1:" + port + "/payments/vnpay/ipn");
    }

    @Test
    void theCitizenPaysAtTheGatewayAndTheSignedReturnClosesTheDossierOnce() throws Exception {
        PortalUser citizen = citizen(freeAdult(600), 2);
        Dossier dossier = fileFine(citizen);
        String page = "/my/dossiers/" + dossier.id();

        // The payment step shows as the online payment button with the amount, not as an action form: on the dossier
        // page, and already on the confirmation page the citizen lands on after sending the dossier.
        String html = mvc.perform(get(page).with(authentication(login(citizen)))).andExpect(status().isOk())
                .andReturn().getResponse().getContentAsString();
        assertThat(html).contains("id=\"payment-form\"", "action=\"" + page + "/payment\"", "Thanh toán trực tuyến",
                "1.250.000").doesNotContain("id=\"decision-pay\"").contains("id=\"decision-withdraw\"");
        // In English the amount is grouped the English way, as the fees are.
        assertThat(mvc.perform(get(page).param("lang", "en").with(authentication(login(citizen))))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString())
                .contains("Amount due under the decision: VND 1,250,000").doesNotContain("1.250.000");
        String confirmation = mvc.perform(get(page + "/submitted").with(authentication(login(citizen))))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        assertThat(confirmation).contains("id=\"submitted-panel\"", dossier.receiptCode(), "id=\"payment-form\"",
                "action=\"" + page + "/payment\"", "1.250.000").doesNotContain("id=\"decision-withdraw\"");

        URI checkout = startPayment(citizen, dossier.id());
        assertThat(checkout.toString()).startsWith(stack().eid().issuerUri() + SimulatedVnpay.PAY_PATH + "?");
        Map<String, String> order = SimulatedVnpay.orderOf(checkout);
        assertThat(order).containsEntry("vnp_Amount", String.valueOf(FINE * 100)).containsEntry("vnp_TmnCode", "DEVPORTAL")
                .containsEntry("vnp_CurrCode", "VND").containsEntry("vnp_Command", "pay")
                .containsEntry("vnp_OrderInfo", "Thanh toan ho so " + dossier.receiptCode());
        assertThat(order.get("vnp_ReturnUrl")).endsWith("/payments/return");
        assertThat(payments(dossier.id())).containsExactly("PENDING " + FINE);

        // At the gateway (a real HTTP server): the page shows the amount; "pay" sends the browser back signed.
        Map<String, String> answer = payAtGateway(checkout, "pay");
        assertThat(answer).containsEntry("vnp_ResponseCode", "00").containsEntry("vnp_TxnRef", order.get("vnp_TxnRef"));

        returnFromGateway(citizen, answer).andExpect(redirectedUrl(page))
                .andExpect(result -> assertThat((Map<String, Object>) result.getFlashMap()).containsKey("notice").doesNotContainKey("problem"));
        Dossier paid = dossiers.forCitizen(citizen, dossier.id());
        assertThat(paid.state()).isEqualTo("closed");
        assertThat(paid.statusCode()).isEqualTo(10);
        assertThat(dossiers.timeline(paid)).extracting(DossierEvent::event, DossierEvent::actorKind).containsExactly(
                org.assertj.core.groups.Tuple.tuple("submit", "CITIZEN"),
                org.assertj.core.groups.Tuple.tuple("confirm-amount", "STAFF"),
                org.assertj.core.groups.Tuple.tuple("pay", "PAYMENT"),
                org.assertj.core.groups.Tuple.tuple("close", "SYSTEM"));
        assertThat(dossiers.timeline(paid).get(2).note()).isEqualTo("VNPAY " + answer.get("vnp_TransactionNo"));
        assertThat(payments(dossier.id())).containsExactly("PAID " + FINE);
        assertThat(jdbc.sql("select gateway_txn from payment where dossier_id = ?").param(dossier.id())
                .query(String.class).single()).isEqualTo(answer.get("vnp_TransactionNo"));
        assertThat(jdbc.sql("select kind from population.person_document where dossier_id = ?").param(dossier.id())
                .query(String.class).list()).containsExactly("TRAFFIC_FINE_RECEIPT");

        // A reload of the return address changes nothing.
        returnFromGateway(citizen, answer).andExpect(redirectedUrl(page));
        assertThat(dossiers.timeline(paid)).hasSize(4);
        assertThat(payments(dossier.id())).containsExactly("PAID " + FINE);
        assertThat(dossiers.forCitizen(citizen, dossier.id()).lockVersion()).isEqualTo(paid.lockVersion());

        // Nothing is due any more.
        mvc.perform(post(page + "/payment").with(csrf()).with(authentication(login(citizen))))
                .andExpect(redirectedUrl(page))
                .andExpect(result -> assertThat((Map<String, Object>) result.getFlashMap()).containsKey("problem"));
        assertThat(payments(dossier.id())).hasSize(1);
    }

    /**
     * As VNPAY does, the (simulated) gateway notifies the portal's IPN URL when the citizen pays, besides sending the
     * browser back: the dev run and the tests go the way production depends on, and a browser that never comes back
     * loses nothing.
     */
    @Test
    void theGatewayNotifiesThePortalWhenTheCitizenPaysEvenIfTheBrowserNeverComesBack() throws Exception {
        PortalUser citizen = citizen(freeAdult(650), 2);
        Dossier dossier = fileFine(citizen);
        Map<String, String> answer = payAtGateway(startPayment(citizen, dossier.id()), "pay");
        // The tab is closed here: only the gateway's notification reached the portal.
        assertThat(stateOf(dossier.id())).isEqualTo("closed");
        assertThat(payments(dossier.id())).containsExactly("PAID " + FINE);
        assertThat(jdbc.sql("select details ->> 'outcome' from audit_log where action = 'payment.notified' and subject_id = ?")
                .param(dossier.id().toString()).query(String.class).list()).containsExactly("APPLIED");
        assertThat(jdbc.sql("select gateway_txn from payment where dossier_id = ?").param(dossier.id())
                .query(String.class).single()).isEqualTo(answer.get("vnp_TransactionNo"));
    }

    @Test
    void forgedTamperedOrCancelledReturnsChangeNothingAndTheCitizenCanPayAgain() throws Exception {
        PortalUser citizen = citizen(freeAdult(610), 2);
        Dossier dossier = fileFine(citizen);
        URI checkout = startPayment(citizen, dossier.id());
        Map<String, String> order = SimulatedVnpay.orderOf(checkout);
        Map<String, String> paid = SimulatedVnpay.answer(order, true);

        // The amount lowered after signing: the signature no longer holds.
        Map<String, String> cheaper = new HashMap<>(paid);
        cheaper.put("vnp_Amount", "100");
        refused(citizen, cheaper);
        // Signed with a secret that is not the merchant's.
        Map<String, String> forged = new HashMap<>(paid);
        forged.put("vnp_SecureHash", "ab".repeat(64));
        refused(citizen, forged);
        // Correctly signed, but for a reference the portal never issued.
        Map<String, String> unknown = new HashMap<>(order);
        unknown.put("vnp_TxnRef", UUID.randomUUID().toString().replace("-", ""));
        refused(citizen, SimulatedVnpay.answer(unknown, true));
        // Correctly signed, for our reference, but for less than the amount due.
        Map<String, String> underpaid = new HashMap<>(order);
        underpaid.put("vnp_Amount", "100");
        returnFromGateway(citizen, SimulatedVnpay.answer(underpaid, true))
                .andExpect(redirectedUrl("/my/dossiers/" + dossier.id()))
                .andExpect(result -> assertThat((Map<String, Object>) result.getFlashMap()).containsKey("problem"));
        assertThat(stateOf(dossier.id())).isEqualTo("awaiting-payment");
        assertThat(payments(dossier.id())).containsExactly("PENDING " + FINE);

        // Cancelled at the gateway: the attempt fails, the dossier still awaits payment.
        returnFromGateway(citizen, payAtGateway(checkout, "cancel"))
                .andExpect(redirectedUrl("/my/dossiers/" + dossier.id()))
                .andExpect(result -> assertThat((Map<String, Object>) result.getFlashMap()).containsKey("problem"));
        assertThat(stateOf(dossier.id())).isEqualTo("awaiting-payment");
        assertThat(payments(dossier.id())).containsExactly("FAILED " + FINE);

        // A second attempt goes through.
        URI again = startPayment(citizen, dossier.id());
        assertThat(SimulatedVnpay.orderOf(again).get("vnp_TxnRef")).isNotEqualTo(order.get("vnp_TxnRef"));
        returnFromGateway(citizen, payAtGateway(again, "pay"))
                .andExpect(result -> assertThat((Map<String, Object>) result.getFlashMap()).containsKey("notice"));
        assertThat(stateOf(dossier.id())).isEqualTo("closed");
        assertThat(payments(dossier.id())).containsExactlyInAnyOrder("FAILED " + FINE, "PAID " + FINE);
    }

    @Test
    void aSecondAttemptWaitsForTheOpenOneAndALatePaymentIsKeptForRefund() throws Exception {
        PortalUser citizen = citizen(freeAdult(640), 2);
        Dossier dossier = fileFine(citizen);
        String page = "/my/dossiers/" + dossier.id();
        URI first = startPayment(citizen, dossier.id());

        // "Pay" pressed again (a double click, a second tab) while the first attempt may still be paid at the gateway:
        // the browser goes to that attempt's checkout, the one order the gateway has; nothing more is recorded.
        assertThat(startPayment(citizen, dossier.id())).isEqualTo(first);
        assertThat(payments(dossier.id())).containsExactly("PENDING " + FINE);
        assertThat(startsAudited(dossier)).isOne();

        // Once the checkout window has passed a new attempt starts, and it is paid.
        jdbc.sql("update payment set created_at = created_at - interval '16 minutes' where dossier_id = ?")
                .param(dossier.id()).update();
        URI again = startPayment(citizen, dossier.id());
        assertThat(again.getPath()).endsWith(SimulatedVnpay.PAY_PATH);
        returnFromGateway(citizen, payAtGateway(again, "pay"))
                .andExpect(result -> assertThat((Map<String, Object>) result.getFlashMap()).containsKey("notice"));
        Dossier paid = dossiers.forCitizen(citizen, dossier.id());
        assertThat(paid.state()).isEqualTo("closed");

        // The first attempt is paid at the gateway as well: the money is recorded with the gateway's transaction for
        // the agency to refund (it used to be lost with the refused transition's rollback); the dossier stays.
        Map<String, String> late = payAtGateway(first, "pay");
        for (int delivery = 0; delivery < 2; delivery++) { // the return address reloaded changes nothing more
            MvcResult back = returnFromGateway(citizen, late).andExpect(redirectedUrl(page)).andReturn();
            assertThat((String) back.getFlashMap().get("problem")).contains("hoàn trả");
        }
        assertThat(payments(dossier.id())).containsExactly("UNAPPLIED " + FINE, "PAID " + FINE);
        assertThat(jdbc.sql("select gateway_txn from payment where dossier_id = ? and status = 'UNAPPLIED'")
                .param(dossier.id()).query(String.class).single()).isEqualTo(late.get("vnp_TransactionNo"));
        assertThat(jdbc.sql("select count(*) from audit_log where action = 'payment.unapplied' and subject_id = ?")
                .param(dossier.id().toString()).query(Long.class).single()).isOne();
        Dossier after = dossiers.forCitizen(citizen, dossier.id());
        assertThat(after.lockVersion()).isEqualTo(paid.lockVersion());
        assertThat(dossiers.timeline(after)).hasSize(dossiers.timeline(paid).size());

        // The expiry job closes only attempts still PENDING: the record of the money stays.
        jdbc.sql("update payment set created_at = created_at - interval '2 hours' where dossier_id = ?")
                .param(dossier.id()).update();
        abandoned.expire();
        assertThat(payments(dossier.id())).containsExactly("UNAPPLIED " + FINE, "PAID " + FINE);
    }

    @Test
    void twoPressesOfPayAtOnceGoToTheSameCheckoutOfOneAttempt() throws Exception {
        PortalUser citizen = citizen(freeAdult(1156), 2);
        Dossier dossier = fileFine(citizen);
        List<URI> checkouts = twiceAtOnce(() -> startPayment(citizen, dossier.id()));
        assertThat(checkouts.get(1)).isEqualTo(checkouts.get(0));
        assertThat(checkouts.get(0).getPath()).endsWith(SimulatedVnpay.PAY_PATH);
        assertThat(payments(dossier.id())).containsExactly("PENDING " + FINE);
        assertThat(startsAudited(dossier)).isOne();
        // It is the attempt's own order, and paying it at the gateway pays the dossier.
        assertThat(SimulatedVnpay.orderOf(checkouts.get(0)).get("vnp_TxnRef")).isEqualTo(jdbc.sql(
                "select replace(id::text, '-', '') from payment where dossier_id = ?").param(dossier.id())
                .query(String.class).single());
        returnFromGateway(citizen, payAtGateway(checkouts.get(1), "pay"))
                .andExpect(result -> assertThat((Map<String, Object>) result.getFlashMap()).containsKey("notice"));
        assertThat(payments(dossier.id())).containsExactly("PAID " + FINE);
    }

    @Test
    void aLevelOneLoginStartsNoPayment() throws Exception {
        String idNumber = freeAdult(1157);
        Dossier dossier = fileFine(citizen(idNumber, 2));
        String page = "/my/dossiers/" + dossier.id();
        MvcResult refused = mvc.perform(post(page + "/payment").with(csrf())
                        .with(authentication(login(citizen(idNumber, 1)))))
                .andExpect(redirectedUrl(page)).andReturn();
        assertThat((String) refused.getFlashMap().get("problem")).contains("mức độ 2");
        assertThat(payments(dossier.id())).isEmpty();
        assertThat(startsAudited(dossier)).isZero();
    }

    @Test
    void paymentIsNoButtonTheCitizenPressesAndOnlyTheFilerMayStartIt() throws Exception {
        PortalUser citizen = citizen(freeAdult(620), 2);
        PortalUser other = citizen(freeAdult(630), 2);
        Dossier dossier = fileFine(citizen);
        String page = "/my/dossiers/" + dossier.id();

        MvcResult direct = mvc.perform(post(page + "/actions").with(csrf()).with(authentication(login(citizen)))
                        .param("event", "pay").param("lockVersion", String.valueOf(dossier.lockVersion())))
                .andExpect(redirectedUrl(page)).andReturn();
        assertThat((String) direct.getFlashMap().get("problem")).contains("cổng thanh toán xác nhận");
        assertThat(stateOf(dossier.id())).isEqualTo("awaiting-payment");

        mvc.perform(post(page + "/payment").with(csrf()).with(authentication(login(other))))
                .andExpect(status().isNotFound());
        mvc.perform(post(page + "/payment").with(authentication(login(citizen)))).andExpect(status().isForbidden());
        assertThat(payments(dossier.id())).isEmpty();

        // The return address is for citizens' browsers coming back; nobody else gets to it.
        Map<String, String> answer = SimulatedVnpay.answer(SimulatedVnpay.orderOf(startPayment(citizen, dossier.id())), true);
        mvc.perform(withParams(get("/payments/return"), answer)).andExpect(status().is3xxRedirection())
                .andExpect(result -> assertThat(result.getResponse().getRedirectedUrl()).contains("/oauth2/authorization/vneid"));
        mvc.perform(withParams(get("/payments/return"), answer).with(authentication(login(officer("cat.01.tiepnhan")))))
                .andExpect(status().isForbidden());
        assertThat(stateOf(dossier.id())).isEqualTo("awaiting-payment");
    }

    /**
     * VNPAY's status 07: the money was deducted but VNPAY holds the transaction as suspected fraud. It is no failure
     * and never expires as unpaid: the attempt is held for reconciliation, the citizen is told the money was taken
     * and need not pay again (and cannot start a second payment), the admins' reconciliation page lists it, and VNPAY's
     * word that it was paid still settles it.
     */
    @Test
    void aPaymentVnpaySuspectsOfFraudIsHeldForReconciliationNotFailedAndTheCitizenNeedNotPayAgain() throws Exception {
        PortalUser citizen = citizen(freeAdult(660), 2);
        Dossier dossier = fileFine(citizen);
        String page = "/my/dossiers/" + dossier.id();
        Map<String, String> order = SimulatedVnpay.orderOf(startPayment(citizen, dossier.id()));
        Map<String, String> suspected = stack().eid().vnpay().decideSuspected(order);

        MvcResult back = returnFromGateway(citizen, suspected).andExpect(redirectedUrl(page)).andReturn();
        assertThat((String) back.getFlashMap().get("problem")).contains("đã trừ tiền", "không cần thanh toán lại");
        assertThat(payments(dossier.id())).containsExactly("RECONCILING " + FINE);
        assertThat(stateOf(dossier.id())).isEqualTo("awaiting-payment");
        assertThat(jdbc.sql("select details ->> 'reason' from audit_log where action = 'payment.held' and subject_id = ?")
                .param(dossier.id().toString()).query(String.class).list()).containsExactly("SUSPECTED_FRAUD");
        // The IPN of the same answer is a repeat: VNPAY is told it was confirmed, nothing changes.
        assertThat(SimulatedVnpay.notifyMerchant(ipnUrl(), suspected).rspCode()).isEqualTo("02");
        assertThat(payments(dossier.id())).containsExactly("RECONCILING " + FINE);

        // The dossier page says so, in Vietnamese and in English, and offers no payment.
        String html = mvc.perform(get(page).with(authentication(login(citizen)))).andExpect(status().isOk())
                .andReturn().getResponse().getContentAsString();
        assertThat(html).contains("id=\"payment-held\"", "data-reason=\"suspected\"", "VNPAY đã trừ 1.250.000 đồng",
                "bạn không cần thanh toán lại").doesNotContain("id=\"payment-form\"");
        assertThat(mvc.perform(get(page).param("lang", "en").with(authentication(login(citizen))))
                .andReturn().getResponse().getContentAsString())
                .contains("VNPAY took VND 1,250,000", "you do not need to pay again");
        // A second payment is refused while it is reconciled, even past the checkout window.
        jdbc.sql("update payment set created_at = created_at - interval '2 hours' where dossier_id = ?")
                .param(dossier.id()).update();
        MvcResult again = mvc.perform(post(page + "/payment").with(csrf()).with(authentication(login(citizen))))
                .andExpect(redirectedUrl(page)).andReturn();
        assertThat((String) again.getFlashMap().get("problem")).contains("đang được đối soát");
        // The expiry job leaves it alone: it is not PENDING.
        abandoned.expire();
        assertThat(payments(dossier.id())).containsExactly("RECONCILING " + FINE);

        // The people who reconcile see it: admins only.
        String reference = order.get("vnp_TxnRef");
        assertThat(mvc.perform(get("/admin/payments").with(authentication(login(officer("quantri"), true))))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString())
                .contains("data-reference=\"" + reference + "\"", "data-state=\"SUSPECTED_FRAUD\"", dossier.receiptCode());

        // VNPAY clears it and confirms the payment: applied once, the hold ends.
        assertThat(SimulatedVnpay.notifyMerchant(ipnUrl(), stack().eid().vnpay().decide(order, true)).rspCode())
                .isEqualTo("00");
        assertThat(payments(dossier.id())).containsExactly("PAID " + FINE);
        assertThat(stateOf(dossier.id())).isEqualTo("closed");
        assertThat(mvc.perform(get("/admin/payments").with(authentication(login(officer("quantri"), true))))
                .andReturn().getResponse().getContentAsString()).doesNotContain(reference);
    }

    /**
     * An attempt VNPAY's transaction query gives no verdict on is asked about until it is older than
     * portal.payment.reconcile-after (a day), then held for reconciliation and asked about no more. Meanwhile, and
     * while it is held, the dossier takes no second payment: the first may have taken the money.
     */
    @Test
    void anAttemptVnpayGivesNoVerdictOnIsHeldForReconciliationAfterADayAndTheDossierTakesNoSecondPayment() throws Exception {
        PortalUser citizen = citizen(freeAdult(670), 2);
        Dossier dossier = fileFine(citizen);
        String page = "/my/dossiers/" + dossier.id();
        String reference = SimulatedVnpay.orderOf(startPayment(citizen, dossier.id())).get("vnp_TxnRef");
        SimulatedVnpay vnpay = stack().eid().vnpay();
        vnpay.withoutVerdict(reference, true);
        try {
            // Past the checkout window and asked about: no verdict, so it stays PENDING and blocks a second attempt.
            jdbc.sql("update payment set created_at = created_at - interval '2 hours' where dossier_id = ?")
                    .param(dossier.id()).update();
            abandoned.expire();
            assertThat(vnpay.timesQueried(reference)).isOne();
            assertThat(payments(dossier.id())).containsExactly("PENDING " + FINE);
            MvcResult refused = mvc.perform(post(page + "/payment").with(csrf()).with(authentication(login(citizen))))
                    .andExpect(redirectedUrl(page)).andReturn();
            assertThat((String) refused.getFlashMap().get("problem")).contains("chưa cho biết kết quả", "trừ tiền hai lần");
            assertThat(payments(dossier.id())).hasSize(1);

            // A day on, still no verdict: held for reconciliation, neither paid nor expired.
            jdbc.sql("update payment set created_at = created_at - interval '1 day', queried_at = queried_at - interval '11 minutes' where dossier_id = ?")
                    .param(dossier.id()).update();
            abandoned.expire();
            assertThat(vnpay.timesQueried(reference)).isEqualTo(2);
            assertThat(payments(dossier.id())).containsExactly("RECONCILING " + FINE);
            assertThat(jdbc.sql("select details ->> 'reason' from audit_log where action = 'payment.held' and subject_id = ?")
                    .param(dossier.id().toString()).query(String.class).list()).containsExactly("NO_VERDICT");

            // Asked about no more.
            jdbc.sql("update payment set queried_at = queried_at - interval '11 minutes' where dossier_id = ?")
                    .param(dossier.id()).update();
            abandoned.expire();
            assertThat(vnpay.timesQueried(reference)).isEqualTo(2);
            assertThat(payments(dossier.id())).containsExactly("RECONCILING " + FINE);

            MvcResult held = mvc.perform(post(page + "/payment").with(csrf()).with(authentication(login(citizen))))
                    .andExpect(redirectedUrl(page)).andReturn();
            assertThat((String) held.getFlashMap().get("problem")).contains("đang được đối soát");
            assertThat(payments(dossier.id())).hasSize(1);
            assertThat(mvc.perform(get(page).with(authentication(login(citizen)))).andReturn().getResponse()
                    .getContentAsString()).contains("id=\"payment-held\"", "data-reason=\"no-verdict\"",
                    "chưa xác nhận kết quả").doesNotContain("id=\"payment-form\"");
            assertThat(mvc.perform(get("/admin/payments").with(authentication(login(officer("quantri"), true))))
                    .andReturn().getResponse().getContentAsString())
                    .contains("data-reference=\"" + reference + "\"", "data-state=\"NO_VERDICT\"");
        } finally {
            vnpay.withoutVerdict(reference, false);
        }
        // A verdict that still comes settles it: here VNPAY's notification that it was cancelled, so the citizen can
        // pay again.
        Map<String, String> order = new HashMap<>(Map.of("vnp_TmnCode", SimulatedVnpay.TMN_CODE, "vnp_TxnRef", reference,
                "vnp_Amount", String.valueOf(FINE * 100), "vnp_OrderInfo", "Thanh toan ho so " + dossier.receiptCode()));
        assertThat(SimulatedVnpay.notifyMerchant(ipnUrl(), vnpay.decide(order, false)).rspCode()).isEqualTo("00");
        assertThat(payments(dossier.id())).containsExactly("FAILED " + FINE);
        assertThat(startPayment(citizen, dossier.id()).getPath()).endsWith(SimulatedVnpay.PAY_PATH);
    }

    /**
     * An admin who found a held payment paid on VNPAY's statement closes it as paid: settled as VNPAY's confirmation
     * would settle it, so the dossier's payment transition fires once; the same post again (a retry) answers as the
     * first and changes nothing, and a close with the other result is refused.
     */
    @Test
    void anAdminClosesAHeldPaymentAsPaidAndTheDossierMovesOnOnceEvenWhenThePostIsRepeated() throws Exception {
        PortalUser citizen = citizen(freeAdult(690), 2);
        Dossier dossier = fileFine(citizen);
        String reference = held(citizen, dossier);
        var admin = authentication(login(officer("quantri"), true));

        // Refused without VNPAY's transaction number or a note, in Vietnamese and English, the form shown again.
        String noTxn = mvc.perform(post("/admin/payments/" + reference + "/close").with(csrf()).with(admin)
                        .param("verdict", "PAID").param("gatewayTxn", " ").param("note", "Bảng kê ngày 07/12"))
                .andExpect(status().is(422)).andReturn().getResponse().getContentAsString();
        assertThat(HtmlUtils.htmlUnescape(noTxn)).contains("id=\"error-summary\"", "Hãy nhập mã giao dịch VNPAY",
                "href=\"#txn-" + reference + "\"", "Bảng kê ngày 07/12");
        assertThat(HtmlUtils.htmlUnescape(mvc.perform(post("/admin/payments/" + reference + "/close").param("lang", "en")
                        .with(csrf()).with(admin).param("verdict", "PAID").param("gatewayTxn", "14226112"))
                .andExpect(status().is(422)).andReturn().getResponse().getContentAsString()))
                .contains("Write a reconciliation note", "href=\"#note-" + reference + "\"");
        assertThat(payments(dossier.id())).containsExactly("RECONCILING " + FINE);
        assertThat(stateOf(dossier.id())).isEqualTo("awaiting-payment");

        for (int post = 0; post < 2; post++) {   // the second: the browser's retry of the same post
            MvcResult closed = mvc.perform(post("/admin/payments/" + reference + "/close").with(csrf()).with(admin)
                            .param("verdict", "PAID").param("gatewayTxn", "14226112")
                            .param("note", "Có trong bảng kê VNPAY ngày 07/12"))
                    .andExpect(redirectedUrl("/admin/payments")).andReturn();
            assertThat((String) closed.getFlashMap().get("notice")).contains(reference, "đã thanh toán");
        }
        assertThat(payments(dossier.id())).containsExactly("PAID " + FINE);
        assertThat(stateOf(dossier.id())).isEqualTo("closed");
        Dossier paid = dossiers.forCitizen(citizen, dossier.id());
        assertThat(dossiers.timeline(paid)).filteredOn(e -> e.event().equals("pay")).singleElement()
                .satisfies(e -> assertThat(e.note()).isEqualTo("VNPAY 14226112"));
        assertThat(jdbc.sql("select gateway_txn from payment where dossier_id = ?").param(dossier.id())
                .query(String.class).single()).isEqualTo("14226112");
        assertThat(jdbc.sql("""
                        select actor || ' ' || (details ->> 'found') || ' ' || (details ->> 'status') || ' ' || (details ->> 'note')
                        from audit_log where action = 'payment.reconciled' and subject_id = ?""")
                .param(dossier.id().toString()).query(String.class).list())
                .containsExactly("quantri PAID PAID Có trong bảng kê VNPAY ngày 07/12");
        assertThat(jdbc.sql("select count(*) from audit_log where action = 'payment.paid' and subject_id = ?")
                .param(dossier.id().toString()).query(Long.class).single()).isOne();

        // Closed now as not paid: refused, nothing changes; nor does VNPAY's late "not paid".
        MvcResult other = mvc.perform(post("/admin/payments/" + reference + "/close").with(csrf()).with(admin)
                        .param("verdict", "NOT_PAID").param("note", "Nhầm"))
                .andExpect(status().is(422)).andReturn();
        assertThat(HtmlUtils.htmlUnescape(other.getResponse().getContentAsString())).contains("đã được đóng với kết quả khác");
        assertThat(payments(dossier.id())).containsExactly("PAID " + FINE);
        assertThat(dossiers.timeline(dossiers.forCitizen(citizen, dossier.id()))).hasSize(dossiers.timeline(paid).size());
        assertThat(mvc.perform(get("/admin/payments").with(admin)).andReturn().getResponse().getContentAsString())
                .doesNotContain(reference);
    }

    /** A hold the dossier no longer awaits (withdrawn meanwhile) closed as paid is kept for refund, as a late confirmation is. */
    @Test
    void aHeldPaymentClosedAsPaidForADossierNoLongerAwaitingItIsKeptForRefund() throws Exception {
        PortalUser citizen = citizen(freeAdult(691), 2);
        Dossier dossier = fileFine(citizen);
        String reference = held(citizen, dossier);
        Dossier before = dossiers.forCitizen(citizen, dossier.id());
        mvc.perform(post("/my/dossiers/" + dossier.id() + "/actions").with(csrf()).with(authentication(login(citizen)))
                        .param("event", "withdraw").param("lockVersion", String.valueOf(before.lockVersion())))
                .andExpect(status().is3xxRedirection());
        assertThat(stateOf(dossier.id())).isEqualTo("withdrawn");
        MvcResult closed = mvc.perform(post("/admin/payments/" + reference + "/close").with(csrf())
                        .with(authentication(login(officer("quantri"), true)))
                        .param("verdict", "PAID").param("gatewayTxn", "14226113").param("note", "Bảng kê VNPAY"))
                .andExpect(redirectedUrl("/admin/payments")).andReturn();
        assertThat((String) closed.getFlashMap().get("notice")).contains("hoàn trả");
        assertThat(payments(dossier.id())).containsExactly("UNAPPLIED " + FINE);
        assertThat(jdbc.sql("select count(*) from audit_log where action = 'payment.unapplied' and subject_id = ?")
                .param(dossier.id().toString()).query(Long.class).single()).isOne();
    }

    /**
     * Found not paid on VNPAY's statement: the attempt is closed as not paid, the citizen is told and may pay again;
     * the same post repeated changes nothing more.
     */
    @Test
    void anAdminClosesAHeldPaymentAsNotPaidAndTheCitizenIsToldAndMayPayAgain() throws Exception {
        PortalUser citizen = citizen(freeAdult(692), 2);
        Dossier dossier = fileFine(citizen);
        String page = "/my/dossiers/" + dossier.id();
        String reference = held(citizen, dossier);
        for (int post = 0; post < 2; post++) {
            MvcResult closed = mvc.perform(post("/admin/payments/" + reference + "/close").with(csrf())
                            .with(authentication(login(officer("quantri"), true)))
                            .param("verdict", "NOT_PAID").param("note", "Không có trong bảng kê VNPAY"))
                    .andExpect(redirectedUrl("/admin/payments")).andReturn();
            assertThat((String) closed.getFlashMap().get("notice")).contains(reference, "không thanh toán");
        }
        assertThat(payments(dossier.id())).containsExactly("FAILED " + FINE);
        assertThat(stateOf(dossier.id())).isEqualTo("awaiting-payment");
        assertThat(jdbc.sql("select kind from notification where dossier_id = ? and kind = 'PAYMENT_NOT_PAID'")
                .param(dossier.id()).query(String.class).list()).hasSize(1);
        assertThat(jdbc.sql("select count(*) from audit_log where action = 'payment.reconciled' and subject_id = ?")
                .param(dossier.id().toString()).query(Long.class).single()).isOne();
        String html = mvc.perform(get(page).with(authentication(login(citizen)))).andExpect(status().isOk())
                .andReturn().getResponse().getContentAsString();
        assertThat(html).contains("id=\"payment-form\"").doesNotContain("id=\"payment-held\"");
        URI again = startPayment(citizen, dossier.id());
        assertThat(SimulatedVnpay.orderOf(again).get("vnp_TxnRef")).isNotEqualTo(reference);
        returnFromGateway(citizen, payAtGateway(again, "pay"))
                .andExpect(result -> assertThat((Map<String, Object>) result.getFlashMap()).containsKey("notice"));
        assertThat(stateOf(dossier.id())).isEqualTo("closed");
        assertThat(payments(dossier.id())).containsExactlyInAnyOrder("FAILED " + FINE, "PAID " + FINE);
    }

    /** Only admins close a hold, and only with the form's CSRF token; nobody else changes anything. */
    @Test
    void onlyAnAdminClosesAHeldPayment() throws Exception {
        PortalUser citizen = citizen(freeAdult(693), 2);
        Dossier dossier = fileFine(citizen);
        String reference = held(citizen, dossier);
        String close = "/admin/payments/" + reference + "/close";
        for (PortalUser other : List.of(officer(staffWith(dossier, "RECEIVER")), citizen)) {
            mvc.perform(post(close).with(csrf()).with(authentication(login(other)))
                    .param("verdict", "NOT_PAID").param("note", "x")).andExpect(status().isForbidden());
        }
        mvc.perform(post(close).with(authentication(login(officer("quantri"), true)))
                .param("verdict", "NOT_PAID").param("note", "x")).andExpect(status().isForbidden());
        assertThat(payments(dossier.id())).containsExactly("RECONCILING " + FINE);
        assertThat(jdbc.sql("select count(*) from audit_log where action = 'payment.reconciled' and subject_id = ?")
                .param(dossier.id().toString()).query(Long.class).single()).isZero();
    }

    /**
     * The officers of the dossier's agency see on its page that its payment is held, with its own amount; no admin
     * action. An officer of another agency does not see the dossier at all.
     */
    @Test
    void theAgencysOfficerSeesThatTheDossiersPaymentIsHeld() throws Exception {
        PortalUser citizen = citizen(freeAdult(694), 2);
        Dossier dossier = fileFine(citizen);
        String page = "/officer/dossiers/" + dossier.id();
        PortalUser officer = officer(staffWith(dossier, "RECEIVER"));
        assertThat(mvc.perform(get(page).with(authentication(login(officer)))).andExpect(status().isOk())
                .andReturn().getResponse().getContentAsString()).doesNotContain("id=\"payment-held\"");
        String reference = held(citizen, dossier);

        String html = mvc.perform(get(page).with(authentication(login(officer)))).andExpect(status().isOk())
                .andReturn().getResponse().getContentAsString();
        assertThat(html).contains("id=\"payment-held\"", "data-reason=\"suspected\"", "1.250.000 đồng",
                "Khoản thanh toán đang được đối soát").doesNotContain("/admin/payments", reference, "/close");
        assertThat(mvc.perform(get(page).param("lang", "en").with(authentication(login(officer))))
                .andReturn().getResponse().getContentAsString()).contains("The payment is being reconciled", "VND 1,250,000");
        mvc.perform(get(page).with(authentication(login(officer("ca.00308.xuly")))))
                .andExpect(status().isNotFound());
    }

    /** A payment VNPAY holds as suspected fraud (07), as the citizen's browser brings it back; returns its reference. */
    private String held(PortalUser citizen, Dossier dossier) throws Exception {
        Map<String, String> order = SimulatedVnpay.orderOf(startPayment(citizen, dossier.id()));
        returnFromGateway(citizen, stack().eid().vnpay().decideSuspected(order));
        assertThat(payments(dossier.id())).containsExactly("RECONCILING " + FINE);
        return order.get("vnp_TxnRef");
    }

    /**
     * An attempt held for want of a verdict (the gateway unreachable or misanswering for a day) is asked about again,
     * more slowly: VNPAY sends no notification for an order nobody paid. Once VNPAY answers that it was never paid, the
     * hold ends and the citizen is told, on the timeline and in a notification, that they may pay again, as an admin's
     * close as not paid tells them (Decisions.paymentFoundUnpaid).
     */
    @Test
    void anAttemptHeldForWantOfAVerdictIsReleasedAndTheCitizenToldOnceTheGatewaySaysItWasNeverPaid() throws Exception {
        PortalUser citizen = citizen(freeAdult(695), 2);
        Dossier dossier = fileFine(citizen);
        String reference = SimulatedVnpay.orderOf(startPayment(citizen, dossier.id())).get("vnp_TxnRef");
        SimulatedVnpay vnpay = stack().eid().vnpay();
        vnpay.withoutVerdict(reference, true);
        try {
            jdbc.sql("update payment set created_at = created_at - interval '2 days' where dossier_id = ?")
                    .param(dossier.id()).update();
            abandoned.expire();
            assertThat(payments(dossier.id())).containsExactly("RECONCILING " + FINE);
        } finally {
            vnpay.withoutVerdict(reference, false);
        }
        // VNPAY answers again; the citizen never paid the order. A later run of the job.
        jdbc.sql("update payment set queried_at = queried_at - interval '1 day' where dossier_id = ?")
                .param(dossier.id()).update();
        abandoned.expire();

        assertThat(payments(dossier.id())).as("the hold ends with the first verdict VNPAY gives")
                .doesNotContain("RECONCILING " + FINE);
        assertThat(stateOf(dossier.id())).isEqualTo("awaiting-payment");
        assertThat(jdbc.sql("select kind from notification where dossier_id = ? and kind = 'PAYMENT_NOT_PAID'")
                .param(dossier.id()).query(String.class).list()).as("the citizen is told to pay again").hasSize(1);
        assertThat(startPayment(citizen, dossier.id()).getPath()).endsWith(SimulatedVnpay.PAY_PATH);
    }

    /** VNPAY wants the customer's address in vnp_IpAddr: the citizen's, as the reverse proxy forwarded it. */
    @Test
    void theCheckoutNamesTheCitizensAddressAsTheReverseProxyForwardedIt() throws Exception {
        PortalUser citizen = citizen(freeAdult(680), 2);
        Dossier dossier = fileFine(citizen);
        String location = mvc.perform(post("/my/dossiers/" + dossier.id() + "/payment").with(csrf())
                        .with(authentication(login(citizen))).with(request -> {
                            request.setRemoteAddr("10.0.0.5");   // the proxy
                            return request;
                        }).header("X-Forwarded-For", "203.0.113.45"))
                .andExpect(status().is3xxRedirection()).andReturn().getResponse().getRedirectedUrl();
        assertThat(SimulatedVnpay.orderOf(URI.create(location))).containsEntry("vnp_IpAddr", "203.0.113.45");
    }

    // ---------------------------------------------------------------- helpers

    private Dossier fileFine(PortalUser citizen) {
        Map<String, String> answers = new HashMap<>();
        answers.put("phone", "0912345678");
        answers.put("violationRecordNumber", "2101/QĐ-XPHC");
        answers.put("plateNumber", "29H1-234.56");
        answers.put("fineAmount", String.valueOf(FINE));
        Dossier dossier = ((Filing.Submitted) filing.submit(citizen, catalog.find("traffic-fine-payment").orElseThrow(),
                UUID.randomUUID(), answers)).dossier();
        // The provincial traffic police confirm the amount of the decision (here the one stated) before any payment.
        dossier = decisions.decide(officer(staffWith(dossier, "RECEIVER")), dossier.id(), "confirm-amount", "",
                null, String.valueOf(FINE), dossier.lockVersion());
        assertThat(dossier.statusCode()).isEqualTo(6);
        return dossier;
    }

    private URI startPayment(PortalUser citizen, UUID dossierId) throws Exception {
        String location = mvc.perform(post("/my/dossiers/" + dossierId + "/payment").with(csrf())
                        .with(authentication(login(citizen))))
                .andExpect(status().is3xxRedirection()).andReturn().getResponse().getRedirectedUrl();
        return URI.create(location);
    }

    /**
     * The buyer at the simulated gateway, over HTTP like a browser: opens the checkout page, checks what it shows and
     * presses a button; returns the parameters of the address the gateway sends the browser back to.
     */
    private static Map<String, String> payAtGateway(URI checkout, String decision) throws Exception {
        HttpClient browser = HttpClient.newBuilder().cookieHandler(new CookieManager()).build();
        HttpResponse<String> page = browser.send(HttpRequest.newBuilder(checkout).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("Cổng thanh toán mô phỏng (môi trường thử nghiệm)", "id=\"pay-confirm\"",
                "id=\"pay-cancel\"", String.format("%,d", FINE).replace(',', '.') + " đồng");
        Map<String, String> form = new LinkedHashMap<>();
        Matcher hidden = Pattern.compile("<input type=\"hidden\" name=\"([^\"]+)\" value=\"([^\"]*)\">").matcher(page.body());
        while (hidden.find()) {
            form.put(HtmlUtils.htmlUnescape(hidden.group(1)), HtmlUtils.htmlUnescape(hidden.group(2)));
        }
        assertThat(form).containsKeys("_csrf", "vnp_SecureHash", "vnp_TxnRef");
        form.put("decision", decision);
        HttpResponse<String> back = browser.send(HttpRequest.newBuilder(checkout.resolve(SimulatedVnpay.PAY_PATH))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(SimulatedVnpay.query(form))).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(back.statusCode()).isEqualTo(302);
        URI location = URI.create(back.headers().firstValue("Location").orElseThrow());
        assertThat(location.getPath()).isEqualTo("/payments/return");
        return SimulatedVnpay.orderOf(location);
    }

    private org.springframework.test.web.servlet.ResultActions returnFromGateway(PortalUser citizen,
                                                                                Map<String, String> answer) throws Exception {
        return mvc.perform(withParams(get("/payments/return"), answer).with(authentication(login(citizen))))
                .andExpect(status().is3xxRedirection());
    }

    private void refused(PortalUser citizen, Map<String, String> answer) throws Exception {
        returnFromGateway(citizen, answer).andExpect(redirectedUrl("/my/dossiers"))
                .andExpect(result -> assertThat((Map<String, Object>) result.getFlashMap()).containsKey("problem"));
    }

    private static MockHttpServletRequestBuilder withParams(MockHttpServletRequestBuilder request, Map<String, String> params) {
        params.forEach(request::param);
        return request;
    }

    private long startsAudited(Dossier dossier) {
        return jdbc.sql("select count(*) from audit_log where action = 'payment.start' and subject_id = ?")
                .param(dossier.id().toString()).query(Long.class).single();
    }

    private String stateOf(UUID id) {
        return jdbc.sql("select state from dossier where id = ?").param(id).query(String.class).single();
    }
}
