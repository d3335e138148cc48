package vn.gov.portal.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.authentication;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.sql.Connection;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.hamcrest.Matchers;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.MockMvc;
import vn.gov.portal.PortalIntegrationTest;
import vn.gov.portal.catalog.ProcedureCatalog;
import vn.gov.portal.catalog.ProcedureDefinition;
import vn.gov.portal.dossier.Filing;
import vn.gov.portal.identity.PortalUser;

/**
 * The database goes away and comes back. The embedded PostgreSQL is shared by all integration tests and the e-ID
 * provider, so it is not stopped: the outage is simulated the way a crash looks to the portal — the database refuses
 * new connections (ALLOW_CONNECTIONS false) and every open connection of the portal is killed
 * (pg_terminate_backend), through a control connection to another database of the server.
 */
class DatabaseOutageTest extends PortalIntegrationTest {

    @Autowired
    MockMvc mvc;
    @Autowired
    Filing filing;
    @Autowired
    ProcedureCatalog catalog;

    private Connection control;

    @BeforeEach
    void openControl() throws Exception {
        // From another database: PostgreSQL refuses to disallow connections to the one a session is connected to.
        control = java.sql.DriverManager.getConnection(stack().jdbcUrl().replaceFirst("/postgres\\?", "/template1?"),
                "postgres", "postgres");
        control.setAutoCommit(true);
    }

    @AfterEach
    void closeControl() throws Exception {
        up();
        control.close();
    }

    private void down() throws Exception {
        try (Statement s = control.createStatement()) {
            s.execute("alter database postgres allow_connections false");
            s.execute("select pg_terminate_backend(pid) from pg_stat_activity "
                    + "where application_name = 'public-services-portal' and pid <> pg_backend_pid()");
        }
    }

    private void up() throws Exception {
        try (Statement s = control.createStatement()) {
            s.execute("alter database postgres allow_connections true");
        }
    }

    @Test
    void whileTheDatabaseIsDownPagesSay503WithRetryAfterAndTheyRecoverByThemselves() throws Exception {
        PortalUser citizen = citizen(freeAdult(1930), 2);
        mvc.perform(get("/my/dossiers").with(authentication(login(citizen)))).andExpect(status().isOk());

        down();
        mvc.perform(get("/my/dossiers").with(authentication(login(citizen))))
                .andExpect(status().isServiceUnavailable())
                .andExpect(header().string("Retry-After", "30"))
                .andExpect(content().string(Matchers.containsString("Hệ thống đang tạm thời gián đoạn")))
                .andExpect(content().string(Matchers.not(Matchers.containsString("Exception"))));
        mvc.perform(get("/my/dossiers").param("lang", "en").with(authentication(login(citizen))))
                .andExpect(status().isServiceUnavailable())
                .andExpect(content().string(Matchers.containsString("The system is briefly unavailable")))
                // Its one button speaks both languages too.
                .andExpect(content().string(Matchers.containsString("Thử lại / <span lang=\"en\">Try again</span></a>")));

        up();
        mvc.perform(get("/my/dossiers").with(authentication(login(citizen)))).andExpect(status().isOk());
    }

    @Test
    void aBurstOfSubmissionsThroughAnOutageLosesNoReceiptAndLeavesNothingHalfWritten() throws Exception {
        ProcedureDefinition procedure = catalog.find("temporary-residence").orElseThrow();
        List<PortalUser> citizens = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            citizens.add(citizen(freeAdult(1931 + i), 2));
        }
        Map<String, String> receipts = new ConcurrentHashMap<>();   // receipt code -> applicant
        AtomicInteger failures = new AtomicInteger();
        int perCitizen = 3;

        ExecutorService pool = Executors.newFixedThreadPool(citizens.size());
        List<Future<?>> runs = new ArrayList<>();
        try {
            for (PortalUser citizen : citizens) {
                runs.add(pool.submit(() -> {
                    int done = 0;
                    while (done < perCitizen) {
                        try {
                            Filing.Outcome outcome = filing.submit(citizen, procedure, UUID.randomUUID(),
                                    temporaryResidence("20", "06008"));
                            receipts.put(((Filing.Submitted) outcome).dossier().receiptCode(), citizen.subject());
                            done++;
                        } catch (RuntimeException e) {
                            failures.incrementAndGet();   // the citizen tries again, as a person would
                            Thread.sleep(200);
                        }
                    }
                    return null;
                }));
            }
            waitFor(() -> receipts.size() >= 3);
            down();
            waitFor(() -> failures.get() >= citizens.size());
            up();
            for (Future<?> run : runs) {
                run.get();
            }
        } finally {
            up();
            pool.shutdownNow();
        }

        assertThat(failures.get()).isGreaterThanOrEqualTo(citizens.size());
        assertThat(receipts).hasSize(citizens.size() * perCitizen);
        // Every receipt handed out is a submitted dossier of that citizen, with its event and its audit row.
        receipts.forEach((receipt, applicant) -> {
            assertThat(jdbc.sql("select count(*) from dossier where receipt_code = ? and applicant_id_number = ? "
                    + "and state <> 'draft'").params(receipt, applicant).query(Long.class).single())
                    .as(receipt).isEqualTo(1);
        });
        List<String> subjects = citizens.stream().map(PortalUser::subject).toList();
        for (String subject : subjects) {
            // Nothing half-written: no submitted dossier lacks its submit event or its audit row, and no event or
            // audit row points to a dossier that was not submitted.
            assertThat(jdbc.sql("""
                            select count(*) from dossier d where d.applicant_id_number = ? and d.state <> 'draft'
                              and (not exists (select 1 from dossier_event e where e.dossier_id = d.id and e.event = 'submit')
                                or not exists (select 1 from audit_log a where a.action = 'dossier.submitted'
                                               and a.subject_id = d.id::text and a.details->>'receiptCode' = d.receipt_code))""")
                    .param(subject).query(Long.class).single()).as(subject).isZero();
            assertThat(jdbc.sql("""
                            select count(*) from audit_log a where a.actor = ? and a.action = 'dossier.submitted'
                              and not exists (select 1 from dossier d where d.id::text = a.subject_id and d.state <> 'draft')""")
                    .param(subject).query(Long.class).single()).as(subject).isZero();
        }
        Set<String> stored = Set.copyOf(jdbc.sql("select receipt_code from dossier where applicant_id_number in ("
                + String.join(",", subjects.stream().map(s -> "'" + s + "'").toList()) + ") and state <> 'draft'")
                .query(String.class).list());
        assertThat(stored).containsAll(receipts.keySet());
    }

    private static void waitFor(java.util.function.BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + 120_000_000_000L;
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("condition not reached within two minutes");
            }
            Thread.sleep(50);
        }
    }
}
