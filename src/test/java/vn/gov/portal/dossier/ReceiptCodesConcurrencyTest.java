package vn.gov.portal.dossier;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.transaction.support.TransactionTemplate;
import vn.gov.portal.PortalIntegrationTest;

class ReceiptCodesConcurrencyTest extends PortalIntegrationTest {

    @Autowired
    ReceiptCodes receiptCodes;
    @Autowired
    TransactionTemplate transactions;

    @Test
    void concurrentSubmissionsToOneUnitNeverShareANumber() throws Exception {
        LocalDate day = LocalDate.of(2026, 1, 5);
        List<Callable<String>> tasks = IntStream.range(0, 200)
                .<Callable<String>>mapToObj(i -> () -> next("TEST.CONCURRENT", day))
                .toList();
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<String> codes = pool.invokeAll(tasks).stream().map(DossierFutures::get).toList();
            assertThat(codes).doesNotHaveDuplicates().hasSize(200)
                    .contains("TEST.CONCURRENT-260105-0001", "TEST.CONCURRENT-260105-0200");
        } finally {
            pool.shutdown();
        }
    }

    @Test
    void theSequenceRestartsEachDayAndPerUnit() {
        assertThat(next("TEST.DAILY", LocalDate.of(2026, 2, 2))).endsWith("-0001");
        assertThat(next("TEST.DAILY", LocalDate.of(2026, 2, 2))).endsWith("-0002");
        assertThat(next("TEST.DAILY", LocalDate.of(2026, 2, 3))).endsWith("-0001");
        assertThat(next("TEST.OTHER", LocalDate.of(2026, 2, 2))).endsWith("-0001");
    }

    private String next(String unit, LocalDate day) {
        return transactions.execute(tx -> receiptCodes.next(unit, day));
    }

    private static final class DossierFutures {
        static String get(Future<String> future) {
            try {
                return future.get();
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }
    }
}
