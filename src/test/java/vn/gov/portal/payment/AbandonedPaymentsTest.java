package vn.gov.portal.payment;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
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

    private String status(UUID id) {
        return jdbc.sql("select status from payment where id = ?").param(id).query(String.class).single();
    }

    @Test
    void attemptsLeftPendingPastTheWindowAreClosedAndRecentOnesKept() {
        UUID old = attempt("3 hours");
        UUID recent = attempt("5 minutes");
        assertThat(abandoned.expire()).isPositive();
        assertThat(status(old)).isEqualTo("EXPIRED");
        assertThat(status(recent)).isEqualTo("PENDING");
        assertThat(abandoned.expire()).isZero();
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
