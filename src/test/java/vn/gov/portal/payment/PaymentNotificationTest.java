package vn.gov.portal.payment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.authentication;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import vn.gov.devstack.payment.SimulatedVnpay;
import vn.gov.devstack.payment.SimulatedVnpay.IpnAnswer;
import vn.gov.portal.PortalIntegrationTest;
import vn.gov.portal.catalog.ProcedureCatalog;
import vn.gov.portal.catalog.ProcedureDefinition;
import vn.gov.portal.dossier.Dossier;
import vn.gov.portal.dossier.DossierEvent;
import vn.gov.portal.dossier.Dossiers;
import vn.gov.portal.dossier.Filing;
import vn.gov.portal.dossier.QueueFilter;
import vn.gov.portal.identity.PortalUser;

/**
 * VNPAY's server-to-server notification (IPN): the payment is settled even when the citizen's browser never comes
 * back, over real HTTP from the (simulated) gateway to the portal, without a login or a session; every answer is the
 * JSON VNPAY expects, and the browser's return and the notification together pay once.
 */
class PaymentNotificationTest extends PortalIntegrationTest {

    private static final long PASSPORT_FEE = 200_000;

    @LocalServerPort
    int port;
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

    private URI ipnUrl() {
        return URI.create("http://127.0.0.1:" + port + "/payments/vnpay/ipn");
    }

    @Test
    void theNotificationPaysADossierWhoseBrowserNeverCameBackAndItReachesTheAgency() throws Exception {
        PortalUser citizen = citizen(freeAdult(3300), 2);
        Dossier dossier = submitPassport(citizen);
        String receiver = "cat." + permanent(citizen.subject(), "province_code") + ".tiepnhan";
        QueueFilter byCode = new QueueFilter(null, null, null, null, dossier.receiptCode());
        Map<String, String> paid = SimulatedVnpay.answer(order(citizen, dossier), true);
        // The citizen pays and closes the tab: only the gateway tells the portal.

        IpnAnswer first = SimulatedVnpay.notifyMerchant(ipnUrl(), paid);
        assertThat(first).isEqualTo(new IpnAnswer(200, "00", "Confirm Success"));
        Dossier after = dossiers.forCitizen(citizen, dossier.id());
        assertThat(after.state()).isEqualTo("submitted");
        assertThat(after.statusCode()).isEqualTo(1);
        assertThat(dossiers.timeline(after)).extracting(DossierEvent::event, DossierEvent::actorKind).containsExactly(
                org.assertj.core.groups.Tuple.tuple("submit", "CITIZEN"), org.assertj.core.groups.Tuple.tuple("pay", "PAYMENT"));
        assertThat(dossiers.queue(officer(receiver), byCode, 0)).extracting(Dossier::id).containsExactly(dossier.id());
        assertThat(payments(dossier.id())).containsExactly("PAID " + PASSPORT_FEE);
        assertThat(audited(dossier.id(), "payment.notified")).containsExactly("APPLIED");

        // VNPAY retries until it gets 00 or 02: a second delivery is "already confirmed" and changes nothing.
        assertThat(SimulatedVnpay.notifyMerchant(ipnUrl(), paid)).isEqualTo(new IpnAnswer(200, "02", "Order already confirmed"));
        // The browser comes back after all: the page tells the citizen it is paid, and nothing is applied again.
        mvc.perform(withParams(get("/payments/return"), paid).with(authentication(login(citizen))))
                .andExpect(redirectedUrl("/my/dossiers/" + dossier.id()))
                .andExpect(result -> assertThat((Map<String, Object>) result.getFlashMap()).containsKey("notice").doesNotContainKey("problem"));
        Dossier later = dossiers.forCitizen(citizen, dossier.id());
        assertThat(later.lockVersion()).isEqualTo(after.lockVersion());
        assertThat(dossiers.timeline(later)).hasSize(2);
        assertThat(payments(dossier.id())).containsExactly("PAID " + PASSPORT_FEE);
        assertThat(audited(dossier.id(), "payment.paid")).hasSize(1);
        assertThat(audited(dossier.id(), "payment.notified")).containsExactly("APPLIED", "ALREADY_SETTLED");
    }

    @Test
    void forgedWrongAmountAndUnknownNotificationsAreRefusedAndChangeNothing() throws Exception {
        PortalUser citizen = citizen(freeAdult(3301), 2);
        Dossier dossier = submitPassport(citizen);
        Map<String, String> order = order(citizen, dossier);
        Map<String, String> paid = SimulatedVnpay.answer(order, true);
        long auditBefore = jdbc.sql("select count(*) from audit_log").query(Long.class).single();

        Map<String, String> forged = new HashMap<>(paid);
        forged.put("vnp_SecureHash", "ab".repeat(64));
        assertThat(SimulatedVnpay.notifyMerchant(ipnUrl(), forged)).isEqualTo(new IpnAnswer(200, "97", "Invalid signature"));
        Map<String, String> tampered = new HashMap<>(paid);
        tampered.put("vnp_Amount", "100");
        assertThat(SimulatedVnpay.notifyMerchant(ipnUrl(), tampered).rspCode()).isEqualTo("97");
        // Whoever calls the public address with a bad signature writes nothing, not even to the audit log.
        assertThat(jdbc.sql("select count(*) from audit_log where action = 'payment.notified'").query(Long.class).single())
                .isLessThanOrEqualTo(auditBefore);
        assertThat(audited(dossier.id(), "payment.notified")).isEmpty();

        Map<String, String> underpaid = new HashMap<>(order);
        underpaid.put("vnp_Amount", "100");
        assertThat(SimulatedVnpay.notifyMerchant(ipnUrl(), SimulatedVnpay.answer(underpaid, true)))
                .isEqualTo(new IpnAnswer(200, "04", "Invalid amount"));
        Map<String, String> unknown = new HashMap<>(order);
        String neverIssued = UUID.randomUUID().toString().replace("-", "");
        unknown.put("vnp_TxnRef", neverIssued);
        assertThat(SimulatedVnpay.notifyMerchant(ipnUrl(), SimulatedVnpay.answer(unknown, true)))
                .isEqualTo(new IpnAnswer(200, "01", "Order not found"));

        assertThat(payments(dossier.id())).containsExactly("PENDING " + PASSPORT_FEE);
        Dossier after = dossiers.forCitizen(citizen, dossier.id());
        assertThat(after.statusCode()).isEqualTo(6);
        assertThat(after.lockVersion()).isEqualTo(dossier.lockVersion());
        // The signed refusals are audited for reconciliation.
        assertThat(audited(dossier.id(), "payment.notified")).containsExactly("WRONG_AMOUNT");
        assertThat(jdbc.sql("select details ->> 'outcome' from audit_log where action = 'payment.notified' and subject_id = ?")
                .param(neverIssued).query(String.class).list()).containsExactly("UNKNOWN_ORDER");

        // The real answer still goes through.
        assertThat(SimulatedVnpay.notifyMerchant(ipnUrl(), paid).rspCode()).isEqualTo("00");
        assertThat(payments(dossier.id())).containsExactly("PAID " + PASSPORT_FEE);
    }

    @Test
    void theNotificationAndTheBrowsersReturnAtOncePayOnce() throws Exception {
        PortalUser citizen = citizen(freeAdult(3302), 2);
        Dossier dossier = submitPassport(citizen);
        Map<String, String> paid = SimulatedVnpay.answer(order(citizen, dossier), true);

        ExecutorService pool = Executors.newFixedThreadPool(2);
        CountDownLatch start = new CountDownLatch(1);
        try {
            Future<IpnAnswer> notified = pool.submit(() -> { start.await(); return SimulatedVnpay.notifyMerchant(ipnUrl(), paid); });
            Future<Payments.Completion> returned = pool.submit(() -> { start.await(); return payments.complete(paid); });
            start.countDown();
            assertThat(notified.get().rspCode()).isIn("00", "02");
            assertThat(returned.get().paid()).isTrue();
        } finally {
            pool.shutdown();
        }
        assertThat(payments(dossier.id())).containsExactly("PAID " + PASSPORT_FEE);
        assertThat(dossiers.timeline(dossiers.forCitizen(citizen, dossier.id()))).extracting(DossierEvent::event)
                .containsExactly("submit", "pay");
        assertThat(audited(dossier.id(), "payment.paid")).hasSize(1);
    }

    @Test
    void aCancelledPaymentNotifiedIsRecordedAndTheReturnSaysSo() throws Exception {
        PortalUser citizen = citizen(freeAdult(3303), 2);
        Dossier dossier = submitPassport(citizen);
        Map<String, String> cancelled = SimulatedVnpay.answer(order(citizen, dossier), false);

        assertThat(SimulatedVnpay.notifyMerchant(ipnUrl(), cancelled).rspCode()).isEqualTo("00");
        assertThat(payments(dossier.id())).containsExactly("FAILED " + PASSPORT_FEE);
        assertThat(SimulatedVnpay.notifyMerchant(ipnUrl(), cancelled).rspCode()).isEqualTo("02");
        MvcResult back = mvc.perform(withParams(get("/payments/return"), cancelled).with(authentication(login(citizen))))
                .andExpect(redirectedUrl("/my/dossiers/" + dossier.id())).andReturn();
        assertThat((String) back.getFlashMap().get("problem")).isNotBlank();
        assertThat(dossiers.forCitizen(citizen, dossier.id()).statusCode()).isEqualTo(6);
    }

    /** Expired when the gateway knew of no payment: it leaves a trace, and a confirmation that comes later still pays. */
    @Test
    void anExpiredAttemptIsAuditedAndALateNotificationStillPays() throws Exception {
        PortalUser citizen = citizen(freeAdult(3304), 2);
        Dossier dossier = submitPassport(citizen);
        Map<String, String> order = order(citizen, dossier);
        jdbc.sql("update payment set created_at = created_at - interval '2 hours' where dossier_id = ?")
                .param(dossier.id()).update();
        abandoned.expire();
        assertThat(payments(dossier.id())).containsExactly("EXPIRED " + PASSPORT_FEE);
        assertThat(jdbc.sql("select details ->> 'reference' from audit_log where action = 'payment.expired' and subject_id = ?")
                .param(dossier.id().toString()).query(String.class).list()).containsExactly(order.get("vnp_TxnRef"));

        assertThat(SimulatedVnpay.notifyMerchant(ipnUrl(), SimulatedVnpay.answer(order, true)).rspCode()).isEqualTo("00");
        assertThat(payments(dossier.id())).containsExactly("PAID " + PASSPORT_FEE);
        assertThat(dossiers.forCitizen(citizen, dossier.id()).state()).isEqualTo("submitted");
    }

    /**
     * Paid at the gateway, and both the browser's return and the IPN lost: the expiry job asks the gateway and settles
     * the payment as they would have, instead of expiring it; the IPN that comes after all changes nothing.
     */
    @Test
    void aPaymentWhoseReturnAndNotificationWereBothLostIsSettledByTheExpiryJobsQuery() throws Exception {
        PortalUser citizen = citizen(freeAdult(3305), 2);
        Dossier dossier = submitPassport(citizen);
        Map<String, String> paid = stack().eid().vnpay().decide(order(citizen, dossier), true);
        jdbc.sql("update payment set created_at = created_at - interval '2 hours' where dossier_id = ?")
                .param(dossier.id()).update();

        assertThat(abandoned.expire()).isPositive();
        assertThat(payments(dossier.id())).containsExactly("PAID " + PASSPORT_FEE);
        Dossier after = dossiers.forCitizen(citizen, dossier.id());
        assertThat(after.state()).isEqualTo("submitted");
        assertThat(dossiers.timeline(after)).extracting(DossierEvent::event, DossierEvent::actorKind).containsExactly(
                org.assertj.core.groups.Tuple.tuple("submit", "CITIZEN"), org.assertj.core.groups.Tuple.tuple("pay", "PAYMENT"));
        assertThat(dossiers.timeline(after).get(1).note()).isEqualTo("VNPAY " + paid.get("vnp_TransactionNo"));
        assertThat(audited(dossier.id(), "payment.queried")).containsExactly("APPLIED");
        assertThat(audited(dossier.id(), "payment.paid")).hasSize(1);
        assertThat(audited(dossier.id(), "payment.expired")).isEmpty();

        assertThat(SimulatedVnpay.notifyMerchant(ipnUrl(), paid).rspCode()).isEqualTo("02");
        assertThat(dossiers.timeline(dossiers.forCitizen(citizen, dossier.id()))).hasSize(2);
    }

    /** The gateway's notifications and the expiry job's queries at the same moment: each payment applied once. */
    @Test
    void theNotificationAndTheExpiryJobAtOnceSettleEachPaymentOnce() throws Exception {
        List<Dossier> filed = new java.util.ArrayList<>();
        List<Map<String, String>> answers = new java.util.ArrayList<>();
        for (int i = 0; i < 4; i++) {
            PortalUser citizen = citizen(freeAdult(3310 + i), 2);
            Dossier dossier = submitPassport(citizen);
            answers.add(stack().eid().vnpay().decide(order(citizen, dossier), true));
            filed.add(dossier);
            jdbc.sql("update payment set created_at = created_at - interval '2 hours' where dossier_id = ?")
                    .param(dossier.id()).update();
        }
        ExecutorService pool = Executors.newFixedThreadPool(2);
        CountDownLatch start = new CountDownLatch(1);
        try {
            Future<List<IpnAnswer>> notified = pool.submit(() -> {
                start.await();
                return answers.stream().map(answer -> SimulatedVnpay.notifyMerchant(ipnUrl(), answer)).toList();
            });
            Future<Integer> job = pool.submit(() -> { start.await(); return abandoned.expire(); });
            start.countDown();
            assertThat(notified.get()).extracting(IpnAnswer::rspCode).allMatch(code -> code.equals("00") || code.equals("02"));
            job.get();
        } finally {
            pool.shutdown();
        }
        for (Dossier dossier : filed) {
            assertThat(payments(dossier.id())).containsExactly("PAID " + PASSPORT_FEE);
            assertThat(jdbc.sql("select event from dossier_event where dossier_id = ? order by id").param(dossier.id())
                    .query(String.class).list()).containsExactly("submit", "pay");
            assertThat(audited(dossier.id(), "payment.paid")).hasSize(1);
            assertThat(audited(dossier.id(), "payment.expired")).isEmpty();
            // Whichever came second found it settled.
            List<String> outcomes = new java.util.ArrayList<>(audited(dossier.id(), "payment.notified"));
            outcomes.addAll(audited(dossier.id(), "payment.queried"));
            assertThat(outcomes).containsOnlyOnce("APPLIED");
        }
    }

    /** Only GET, the way VNPAY calls: the address is no way around CSRF for anything else, and opens no session. */
    @Test
    void theAddressTakesOnlyTheGatewaysGetAndStartsNoSession() throws Exception {
        HttpClient client = HttpClient.newHttpClient();
        {
            HttpResponse<String> get = client.send(HttpRequest.newBuilder(ipnUrl()).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(get.statusCode()).isEqualTo(200);
            assertThat(get.headers().firstValue("Content-Type")).hasValueSatisfying(type -> assertThat(type).startsWith("application/json"));
            assertThat(get.body()).isEqualTo("{\"RspCode\":\"97\",\"Message\":\"Invalid signature\"}");
            assertThat(get.headers().allValues("Set-Cookie")).isEmpty();
            HttpResponse<String> post = client.send(HttpRequest.newBuilder(ipnUrl())
                    .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(post.statusCode()).isEqualTo(403);
        }
    }

    // ---------------------------------------------------------------- helpers

    private Dossier submitPassport(PortalUser citizen) {
        ProcedureDefinition passport = catalog.find("passport").orElseThrow();
        Map<String, String> answers = new HashMap<>(Map.of("phone", "0912345678", "subject", citizen.subject(),
                "requestType", "FIRST", "resultDelivery", "AGENCY"));
        Filing.Outcome outcome = filing.submit(citizen, passport, attachRequired(citizen, passport, UUID.randomUUID()), answers);
        assertThat(outcome).as(outcome.toString()).isInstanceOf(Filing.Submitted.class);
        Dossier dossier = ((Filing.Submitted) outcome).dossier();
        assertThat(dossier.statusCode()).isEqualTo(6);
        return dossier;
    }

    /** The order the citizen is sent to the gateway with. */
    private Map<String, String> order(PortalUser citizen, Dossier dossier) {
        return SimulatedVnpay.orderOf(payments.start(citizen, dossier.id(), "http://127.0.0.1/payments/return", "127.0.0.1"));
    }

    /** The outcomes (or, for other actions, the payment ids) audited for the dossier, oldest first. */
    private List<String> audited(UUID dossierId, String action) {
        return jdbc.sql("""
                        select coalesce(details ->> 'outcome', details ->> 'payment') from audit_log
                        where action = ? and subject_type = 'dossier' and subject_id = ? order by id""")
                .params(action, dossierId.toString()).query(String.class).list();
    }

    private static MockHttpServletRequestBuilder withParams(MockHttpServletRequestBuilder request, Map<String, String> params) {
        params.forEach(request::param);
        return request;
    }
}
