package vn.gov.portal.identity;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.TransactionStatus;
import org.springframework.transaction.support.SimpleTransactionStatus;
import org.springframework.transaction.support.TransactionOperations;

/** The session's read runs without a transaction; everything else the store does keeps a new one. */
class SessionReadsWithoutTransactionTest {

    /** A transaction manager that records the transactions asked of it. */
    static final class Recording implements PlatformTransactionManager {
        final List<Integer> begun = new ArrayList<>();

        @Override
        public TransactionStatus getTransaction(TransactionDefinition definition) {
            begun.add(definition.getPropagationBehavior());
            return new SimpleTransactionStatus(true);
        }

        @Override
        public void commit(TransactionStatus status) {
        }

        @Override
        public void rollback(TransactionStatus status) {
        }
    }

    private final Recording transactions = new Recording();
    private final TransactionOperations operations = SessionReadsWithoutTransaction.operations(transactions);

    @Test
    void theReadRunsWithoutATransactionAndWhatFollowsItWithItsOwn() {
        String read = SessionReadsWithoutTransaction.reading(() -> {
            String session = operations.execute(status -> "session");
            assertThat(transactions.begun).isEmpty();
            operations.executeWithoutResult(status -> { }); // e.g. deleting the session found expired
            return session;
        });
        assertThat(read).isEqualTo("session");
        assertThat(transactions.begun).containsExactly(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
    }

    @Test
    void savingAndDeletingKeepANewTransaction() {
        operations.executeWithoutResult(status -> { });
        operations.executeWithoutResult(status -> { });
        assertThat(transactions.begun).containsExactly(TransactionDefinition.PROPAGATION_REQUIRES_NEW,
                TransactionDefinition.PROPAGATION_REQUIRES_NEW);
    }
}
