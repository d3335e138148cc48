package vn.gov.portal.procedures;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import vn.gov.portal.dossier.UserFacingException;

/**
 * Two decisions at the same moment, in the one order that shows a check-then-write race: the first writes and holds
 * its transaction open, the second starts meanwhile, and the first commits only once the second waits for a row lock
 * the first holds (or after 30 s, when the second never waits: the defect).
 */
final class RacingApprovals {

    private RacingApprovals() {
    }

    /** What each returned, or the {@link UserFacingException} that refused it; first's then second's. */
    static List<Object> race(PlatformTransactionManager transactions, JdbcClient jdbc, Callable<?> first,
                             Callable<?> second) throws Exception {
        CountDownLatch firstWritten = new CountDownLatch(1);
        CountDownLatch commitFirst = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            Future<Object> firstOutcome = pool.submit(() -> new TransactionTemplate(transactions).execute(status -> {
                Object written = call(first);
                firstWritten.countDown();
                try {
                    commitFirst.await(60, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                return written;
            }));
            assertThat(firstWritten.await(60, TimeUnit.SECONDS)).as("the first decision wrote").isTrue();
            Future<Object> secondOutcome = pool.submit(() -> call(second));
            for (int i = 0; i < 600 && !aBackendWaitsForALock(jdbc); i++) {
                Thread.sleep(50);
            }
            commitFirst.countDown();
            return List.of(firstOutcome.get(60, TimeUnit.SECONDS), secondOutcome.get(60, TimeUnit.SECONDS));
        } finally {
            commitFirst.countDown();
            pool.shutdown();
        }
    }

    private static Object call(Callable<?> decision) {
        try {
            return decision.call();
        } catch (UserFacingException refused) {
            return refused;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static boolean aBackendWaitsForALock(JdbcClient jdbc) {
        return jdbc.sql("select count(*) > 0 from pg_stat_activity where wait_event_type = 'Lock' and datname = current_database()")
                .query(Boolean.class).single();
    }
}
