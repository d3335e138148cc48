package vn.gov.portal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Reference data held in memory: read once, and again after a change here ends its transaction or when the reading is
 * too old; one thread reads again while the others go on with what they have.
 */
class HeldInMemoryTest {

    private final AtomicInteger readings = new AtomicInteger();

    /** Runs the body in a transaction's synchronization as Spring's transaction manager would, ending with status. */
    private static void inTransaction(Runnable body, int status) {
        TransactionSynchronizationManager.initSynchronization();
        try {
            body.run();
            TransactionSynchronizationManager.getSynchronizations().forEach(s -> s.afterCompletion(status));
        } finally {
            TransactionSynchronizationManager.clearSynchronization();
        }
    }

    @Test
    void theTableIsReadOnceUntilItChangesHere() {
        HeldInMemory<Integer> held = new HeldInMemory<>(Duration.ofHours(1), readings::incrementAndGet);
        assertThat(held.get()).isEqualTo(1);
        assertThat(held.get()).isEqualTo(1);
        held.changedAfterCommit();
        assertThat(held.get()).isEqualTo(2);
        assertThat(readings).hasValue(2);
    }

    @Test
    void aChangeInATransactionIsSeenByItsOwnThreadAndSharedOnlyOnceItCommits() throws Exception {
        HeldInMemory<Integer> held = new HeldInMemory<>(Duration.ofHours(1), readings::incrementAndGet);
        assertThat(held.get()).isEqualTo(1);
        inTransaction(() -> {
            held.changedAfterCommit();
            assertThat(held.get()).isEqualTo(2); // this thread reads its own change
            assertThat(CompletableFuture.supplyAsync(held::get).join()).isEqualTo(1); // the others not yet
        }, TransactionSynchronization.STATUS_COMMITTED);
        assertThat(held.get()).isEqualTo(3);
        assertThat(CompletableFuture.supplyAsync(held::get).join()).isEqualTo(3);
    }

    @Test
    void aReadingMadeInATransactionThatRolledBackIsNotKept() {
        HeldInMemory<Integer> held = new HeldInMemory<>(Duration.ofHours(1), readings::incrementAndGet);
        inTransaction(() -> {
            held.changedAfterCommit();
            assertThat(held.get()).isEqualTo(1); // read inside the transaction, which may hold its change
        }, TransactionSynchronization.STATUS_ROLLED_BACK);
        assertThat(held.get()).isEqualTo(2);
    }

    @Test
    void aReadingBegunBeforeAChangeIsNotKeptAfterIt() {
        HeldInMemory<Integer>[] held = new HeldInMemory[1];
        held[0] = new HeldInMemory<>(Duration.ofHours(1), () -> {
            int reading = readings.incrementAndGet();
            if (reading == 1) {
                held[0].changedAfterCommit(); // another request's change commits while this one reads
            }
            return reading;
        });
        assertThat(held[0].get()).isEqualTo(1);
        assertThat(held[0].get()).isEqualTo(2);
        assertThat(held[0].get()).isEqualTo(2);
    }

    @Test
    void aReadingAsOldAsTheMaximumAgeIsReadAgain() {
        HeldInMemory<Integer> held = new HeldInMemory<>(Duration.ZERO, readings::incrementAndGet);
        assertThat(held.get()).isEqualTo(1);
        assertThat(held.get()).isEqualTo(2);
    }

    @Test
    void whileOneThreadReadsAgainTheOthersGoOnWithTheReadingTheyHave() throws Exception {
        CountDownLatch reading = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        HeldInMemory<Integer> held = new HeldInMemory<>(Duration.ofHours(1), () -> {
            int n = readings.incrementAndGet();
            if (n == 2) {
                reading.countDown();
                await(release);
            }
            return n;
        });
        assertThat(held.get()).isEqualTo(1);
        held.changedAfterCommit();
        CompletableFuture<Integer> reader = CompletableFuture.supplyAsync(held::get);
        assertThat(reading.await(10, TimeUnit.SECONDS)).isTrue();
        assertThat(held.get()).isEqualTo(1); // does not wait for the reader
        release.countDown();
        assertThat(reader.get(10, TimeUnit.SECONDS)).isEqualTo(2);
        assertThat(held.get()).isEqualTo(2);
        assertThat(readings).hasValue(2);
    }

    private static void await(CountDownLatch latch) {
        try {
            assertThat(latch.await(10, TimeUnit.SECONDS)).isTrue();
        } catch (InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }
}
