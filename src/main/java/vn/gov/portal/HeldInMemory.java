package vn.gov.portal;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Reference data each instance holds in memory: tables that pages and submissions read all the time and admins change
 * a few times a year (administrative units, holidays, agencies). Read when first needed; read again when a change
 * through this instance has committed ({@link #changedAfterCommit()}), so it shows at once here, and when the reading
 * is older than the maximum age, so a change through another instance shows within it.
 * <p>
 * One thread reads again while the others go on with the reading they have: a thread waiting for the reader would
 * hold its transaction's connection, and enough of them could leave the reader none to read with.
 */
public final class HeldInMemory<T> {

    /** How long a change through another instance may take to show: the reference tables' maximum age. */
    public static final Duration MAX_AGE = Duration.ofSeconds(60);

    private record Reading<T>(T value, long readAt, long changes) {}

    private final Duration maxAge;
    private final Supplier<T> read;
    /** Counts the changes made through this instance: a reading begun before one is not kept after it. */
    private final AtomicLong changes = new AtomicLong();
    private final ReentrantLock reader = new ReentrantLock();
    /** Set on a thread whose transaction changed the table: what it reads may hold the change, not to be shared. */
    private final ThreadLocal<Boolean> changing = new ThreadLocal<>();
    private volatile Reading<T> reading;

    public HeldInMemory(Duration maxAge, Supplier<T> read) {
        this.maxAge = maxAge;
        this.read = read;
    }

    /** The current reading, read again first if it is too old and no other thread is reading it. */
    public T get() {
        if (changing.get() != null) {
            return read.get();
        }
        Reading<T> current = reading;
        if (fresh(current)) {
            return current.value();
        }
        if (!reader.tryLock()) {
            // another thread is reading: the reading there is until it is done, or one of our own at first
            return current != null ? current.value() : read.get();
        }
        try {
            current = reading;
            if (!fresh(current)) {
                long changesBefore = changes.get();
                long readAt = System.nanoTime();
                current = new Reading<>(read.get(), readAt, changesBefore);
                reading = current;
            }
            return current.value();
        } finally {
            reader.unlock();
        }
    }

    private boolean fresh(Reading<T> current) {
        return current != null && current.changes() == changes.get()
                && System.nanoTime() - current.readAt() < maxAge.toNanos();
    }

    /**
     * Read the table again once the current transaction, which changed it, has ended (at once without one); after a
     * rollback too. Until then this thread reads the table itself and shares nothing it read.
     */
    public void changedAfterCommit() {
        if (TransactionSynchronizationManager.isSynchronizationActive()) {
            changing.set(Boolean.TRUE);
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCompletion(int status) {
                    changing.remove();
                    changes.incrementAndGet();
                }
            });
        } else {
            changes.incrementAndGet();
        }
    }
}
