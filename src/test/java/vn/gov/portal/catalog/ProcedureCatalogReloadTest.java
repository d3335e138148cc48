package vn.gov.portal.catalog;

import static java.util.concurrent.TimeUnit.SECONDS;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;
import vn.gov.portal.PortalIntegrationTest;

/**
 * Reloads of the catalog on the real store. A request thread reloads inside its transaction when it meets a version
 * published elsewhere, while the scheduler's reload waits for a connection: neither may wait for the other.
 */
class ProcedureCatalogReloadTest extends PortalIntegrationTest {

    @Autowired
    private DefinitionCheck check;
    @Autowired
    private PlatformTransactionManager transactions;

    @Test
    void aReloadDoesNotWaitForAnotherStillReadingAndTheLaterGenerationStays() throws Exception {
        HeldStore store = new HeldStore(jdbc);
        ProcedureCatalog catalog = new ProcedureCatalog("classpath:workflows/", check, store, transactions);
        long before = catalog.generation();
        ExecutorService threads = Executors.newFixedThreadPool(2);
        try {
            Future<?> held = threads.submit(() -> {
                store.hold(Thread.currentThread());
                catalog.refresh();
            });
            assertThat(store.reading.await(10, SECONDS)).as("the first reload has read the generation").isTrue();

            store.bumpGeneration(); // a publication on another instance
            CompletableFuture.runAsync(catalog::refresh, threads).get(10, SECONDS);
            assertThat(catalog.generation()).as("the second reload finished while the first was still reading")
                    .isEqualTo(before + 1);

            store.release.countDown();
            held.get(10, SECONDS);
            assertThat(catalog.generation()).as("the first reload, which read the older generation, did not win")
                    .isEqualTo(before + 1);
            assertThat(catalog.find("temporary-residence")).isPresent();
        } finally {
            store.release.countDown();
            threads.shutdownNow();
        }
    }

    @Test
    void aStoreWhoseGenerationWentBackIsServedAsItIsNow() {
        ProcedureStore store = new ProcedureStore(jdbc);
        ProcedureCatalog catalog = new ProcedureCatalog("classpath:workflows/", check, store, transactions);
        long before = catalog.generation();
        // A database restored to an earlier point: its generation is lower than the one this instance serves.
        jdbc.sql("update catalog_generation set generation = generation - 1 where id = 1").update();
        try {
            catalog.refresh();
            assertThat(catalog.generation()).isEqualTo(before - 1);
            assertThat(catalog.find("temporary-residence")).isPresent();
        } finally {
            store.bumpGeneration();
        }
    }

    /** The real store, whose reading of the versions waits on one thread until the test lets it go on. */
    private static final class HeldStore extends ProcedureStore {

        private final CountDownLatch reading = new CountDownLatch(1);
        private final CountDownLatch release = new CountDownLatch(1);
        private volatile Thread held;

        HeldStore(JdbcClient jdbc) {
            super(jdbc);
        }

        void hold(Thread thread) {
            held = thread;
        }

        @Override
        public List<StoredVersion> released() {
            if (Thread.currentThread() == held) {
                reading.countDown();
                try {
                    release.await(30, SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            return super.released();
        }
    }
}
