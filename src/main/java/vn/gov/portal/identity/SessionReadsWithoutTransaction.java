package vn.gov.portal.identity;

import java.util.function.Supplier;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionCallback;
import org.springframework.transaction.support.TransactionOperations;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Reads the session without a transaction of its own. Spring Session JDBC runs each of its operations in a new
 * transaction; for the read, one SELECT of the session joined with its attributes, that added a COMMIT and its round
 * trip to every request (docs/performance.md, "Twelfth round"). One statement sees one snapshot, so the read is as
 * consistent without it. Saving and deleting a session keep their transaction, as Spring Session configures it (a new
 * one, whatever the caller's).
 */
@Configuration(proxyBeanMethods = false)
class SessionReadsWithoutTransaction {

    private static final ThreadLocal<Boolean> READING = new ThreadLocal<>();

    /** Runs a lookup of the store whose first operation, the read, runs without a transaction. */
    static <T> T reading(Supplier<T> lookup) {
        READING.set(Boolean.TRUE);
        try {
            return lookup.get();
        } finally {
            READING.remove();
        }
    }

    /**
     * The transactions of Spring Session's store, which takes them by this name. Not a default candidate: injected
     * only where asked for by name, and Spring Boot's own transaction template stays (it backs off for any other).
     */
    @Bean(name = "springSessionTransactionOperations", defaultCandidate = false)
    static TransactionOperations operations(PlatformTransactionManager transactions) {
        TransactionTemplate own = new TransactionTemplate(transactions);
        own.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
        return new TransactionOperations() {
            @Override
            public <T> T execute(TransactionCallback<T> action) {
                if (READING.get() != null) {
                    // only the read: deleting a session found expired, next, has its transaction
                    READING.remove();
                    return TransactionOperations.withoutTransaction().execute(action);
                }
                return own.execute(action);
            }
        };
    }
}
