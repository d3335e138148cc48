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

    /** The current reading; a thread that finds it too old reads the table while the others wait for that reading. */
    public T get() {
        Reading<T> current = reading;
        if (fresh(current)) {
            return current.value();
        }
        synchronized (this) {
            current = reading;
            if (!fresh(current)) {
                long changesBefore = changes.get();
                long readAt = System.nanoTime();
                current = new Reading<>(read.get(), readAt, changesBefore);
                reading = current;
            }
            return current.value();
        }
    }

    private boolean fresh(Reading<T> current) {
        return current != null && current.changes() == changes.get()
                && System.nanoTime() - current.readAt() < maxAge.toNanos();
    }

    /**
     * Read the table again once the current transaction, which changed it, has ended (at once without one). After a
     * rollback too: a reading made inside the transaction may hold its change.
     */
    public void changedAfterCommit() {
        if (TransactionSynchronizationManager.isSynchronizationActive()) {
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCompletion(int status) {
                    changes.incrementAndGet();
                }
            });
        } else {
            changes.incrementAndGet();
        }
    }
}
