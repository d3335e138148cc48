package vn.gov.portal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/** Reference data held in memory: read once, and again after a change here ends its transaction or when the reading is too old. */
class HeldInMemoryTest {

    private final AtomicInteger readings = new AtomicInteger();

    @Test
    void theTableIsReadOnceUntilItChangesHere() {
        HeldInMemory<Integer> held = new HeldInMemory<>(Duration.ofHours(1), readings::incrementAndGet);
        assertThat(held.get()).isEqualTo(1);
        assertThat(held.get()).isEqualTo(1);
        held.changedAfterCommit();
        assertThat(held.get()).isEqualTo(2);
        assertThat(readings).hasValue(2);
    }

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
    void aChangeInATransactionIsReadOnlyOnceItCommits() {
        HeldInMemory<Integer> held = new HeldInMemory<>(Duration.ofHours(1), readings::incrementAndGet);
        assertThat(held.get()).isEqualTo(1);
        inTransaction(() -> {
            held.changedAfterCommit();
            assertThat(held.get()).isEqualTo(1);
        }, TransactionSynchronization.STATUS_COMMITTED);
        assertThat(held.get()).isEqualTo(2);
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
}
