package vn.gov.portal;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Reference data each instance holds in memory: tables that pages and submissions read all the time and admins change
 * a few times a year (administrative units, holidays, agencies). Read when first needed; read again when a change
 * through this instance has committed ({@link #changedAfterCommit()}), so it shows at once here, and when the reading
 * is older than the maximum age, so a change through another instance shows within it.
 */
public final class HeldInMemory<T> {

    private record Reading<T>(T value, long readAt, long changes) {}

    private final Duration maxAge;
    private final Supplier<T> read;
    /** Counts the changes made through this instance: a reading begun before one is not kept after it. */
    private final AtomicLong changes = new AtomicLong();
    private volatile Reading<T> reading;

    public HeldInMemory(Duration maxAge, Supplier<T> read) {
        this.maxAge = maxAge;
        this.read = read;
    }

    public T get() {
        Reading<T> current = reading;
        long now = System.nanoTime();
        if (current == null || current.changes() != changes.get() || now - current.readAt() >= maxAge.toNanos()) {
            long changesBefore = changes.get();
            current = new Reading<>(read.get(), now, changesBefore);
            reading = current;
        }
        return current.value();
    }

    /** Read the table again once the current transaction, which changed it, has committed (at once without one). */
    public void changedAfterCommit() {
        if (TransactionSynchronizationManager.isSynchronizationActive()) {
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCommit() {
                    changes.incrementAndGet();
                }
            });
        } else {
            changes.incrementAndGet();
        }
    }
}
