package vn.gov.portal.payment;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import vn.gov.devstack.payment.SimulatedVnpay;
import vn.gov.portal.PortalIntegrationTest;

class AbandonedPaymentsTest extends PortalIntegrationTest {

    @Autowired
    AbandonedPayments abandoned;

    /** A draft dossier of one test citizen to hang payment attempts on (reused by every attempt). */
    private UUID dossier() {
        String citizen = adultOf("00304", 90);
        return jdbc.sql("select id from dossier where applicant_id_number = ? and procedure_code = 'temporary-residence'")
                .param(citizen).query(UUID.class).optional().orElseGet(() -> {
                    UUID id = UUID.randomUUID();
                    jdbc.sql("""
                                    insert into dossier (id, procedure_code, procedure_version, applicant_id_number,
                                                         applicant_name, state) values (?, 'temporary-residence', 1, ?, 'Test', 'draft')""")
                            .params(id, citizen).update();
                    return id;
                });
    }

    private UUID attempt(String age) {
        UUID dossier = dossier();
        UUID id = UUID.randomUUID();
        jdbc.sql("insert into payment (id, dossier_id, amount_vnd, status, created_at) values (?, ?, 1000, 'PENDING', now() - cast(? as interval))")
                .params(id, dossier, age).update();
        return id;
    }

    private static SimulatedVnpay vnpay() {
        return stack().eid().vnpay();
    }

    private String status(UUID id) {
        return jdbc.sql("select status from payment where id = ?").param(id).query(String.class).single();
    }

    /** The order the gateway would have been sent for the attempt: what its buyer's choice is recorded against. */
    private static Map<String, String> order(UUID attempt) {
        return Map.of("vnp_TmnCode", SimulatedVnpay.TMN_CODE, "vnp_TxnRef", Payments.reference(attempt),
                "vnp_Amount", "100000", "vnp_OrderInfo", "Thanh toan ho so");
    }

    /** What the expiry audited for the attempt: what the gateway said, per entry. */
    private List<String> expiries(UUID attempt) {
        return jdbc.sql("select details ->> 'gateway' from audit_log where action = 'payment.expired' and details ->> 'payment' = ?")
                .param(attempt.toString()).query(String.class).list();
    }

    private long audited(String action, UUID attempt) {
        return jdbc.sql("select count(*) from audit_log where action = ? and details ->> 'payment' = ?")
                .params(action, attempt.toString()).query(Long.class).single();
    }

    @Test
    void attemptsLeftPendingPastTheWindowAreClosedOnceTheGatewaySaysTheyWereNotPaidAndRecentOnesKept() {
        UUID old = attempt("3 hours");
        UUID cancelled = attempt("3 hours");
        vnpay().decide(order(cancelled), false);   // cancelled at the checkout, and neither return nor IPN came
        UUID recent = attempt("5 minutes");
        assertThat(abandoned.expire()).isPositive();
        assertThat(status(old)).isEqualTo("EXPIRED");
        assertThat(status(cancelled)).isEqualTo("EXPIRED");
        assertThat(status(recent)).isEqualTo("PENDING");
        // Each expiry says what the gateway answered: unknown to it, or its transaction not paid.
        assertThat(expiries(old)).containsExactly("vnp_ResponseCode=91");
        assertThat(expiries(cancelled)).containsExactly("vnp_TransactionStatus=02");
        assertThat(abandoned.expire()).isZero();
    }

    /**
     * A gateway in trouble settles nothing and closes nothing: the attempt stays PENDING, audited once, and is not
     * asked about again until a later run; the first unreachable answer ends the run, so the others are not asked.
     */
    @Test
    void aGatewayThatGivesNoAnswerLeavesTheAttemptsPendingAndIsAskedAgainOnALaterRun() {
        // Older than any other test's attempt, so these are the ones the job takes first; younger than a day
        // (portal.payment.reconcile-after), so they are still asked about.
        UUID first = attempt("20 hours");
        UUID second = attempt("19 hours");
        vnpay().outOfOrder(true);
        try {
            assertThat(abandoned.expire()).isZero();
            assertThat(status(first)).isEqualTo("PENDING");
            assertThat(status(second)).isEqualTo("PENDING");
            assertThat(audited("payment.unanswered", first)).isOne();
            assertThat(audited("payment.unanswered", second)).isZero();   // not asked: the gateway was down

            // The next run (at once) leaves the one asked alone and asks about the next: no tight loop on a failing
            // gateway, and no second entry for the same attempt.
            abandoned.expire();
            assertThat(status(first)).isEqualTo("PENDING");
            assertThat(audited("payment.unanswered", first)).isOne();
            assertThat(audited("payment.unanswered", second)).isOne();
        } finally {
            vnpay().outOfOrder(false);
        }
        // Later, with the gateway back, the run asks again and closes them as the answers say.
        jdbc.sql("update payment set queried_at = queried_at - interval '11 minutes' where id in (?, ?)")
                .params(first, second).update();
        abandoned.expire();
        assertThat(status(first)).isEqualTo("EXPIRED");
        assertThat(status(second)).isEqualTo("EXPIRED");
        assertThat(audited("payment.unanswered", first)).isOne();
        assertThat(expiries(first)).containsExactly("vnp_ResponseCode=91");
    }

    @Test
    void twoInstancesRunningAtOnceCloseEachAttemptOnce() throws Exception {
        for (int i = 0; i < 50; i++) {
            attempt("2 hours");
        }
        ExecutorService pool = Executors.newFixedThreadPool(2);
        CountDownLatch start = new CountDownLatch(1);
        try {
            Future<Integer> a = pool.submit(() -> { start.await(); return abandoned.expire(); });
            Future<Integer> b = pool.submit(() -> { start.await(); return abandoned.expire(); });
            start.countDown();
            assertThat(a.get() + b.get()).isGreaterThanOrEqualTo(50);
        } finally {
            pool.shutdown();
        }
        assertThat(jdbc.sql("select count(*) from payment where status = 'PENDING' and created_at < now() - interval '1 hour'")
                .query(Long.class).single()).isZero();
    }
}
