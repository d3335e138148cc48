package vn.gov.portal.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.authentication;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;
import vn.gov.devstack.DemoData;
import vn.gov.portal.PortalIntegrationTest;
import vn.gov.portal.catalog.ProcedureCatalog;
import vn.gov.portal.dossier.Decisions;
import vn.gov.portal.dossier.Dossier;
import vn.gov.portal.dossier.Filing;
import vn.gov.portal.dossier.UserFacingException;
import vn.gov.portal.identity.PortalUser;

/**
 * The audit log is a hash chain that only grows: every entry verifies, a changed, re-hashed or deleted entry is found
 * as the first broken link, plain SQL cannot change or delete entries, and concurrent writers keep the chain linear.
 * Tests that tamper put the row back in a finally block, so the shared database keeps a whole chain.
 */
class AuditChainTest extends PortalIntegrationTest {

    @Autowired
    AuditChain chain;
    @Autowired
    AuditLog audit;
    @Autowired
    Decisions decisions;
    @Autowired
    Filing filing;
    @Autowired
    ProcedureCatalog catalog;
    @Autowired
    PlatformTransactionManager transactions;
    @Autowired
    MockMvc mvc;

    /** Verifies and counts in one snapshot, so entries written meanwhile by scheduled jobs cannot skew the count. */
    private record Checked(AuditChain.Result result, long rows) {}

    private Checked verifyAndCount() {
        TransactionTemplate tx = new TransactionTemplate(transactions);
        tx.setIsolationLevel(TransactionDefinition.ISOLATION_REPEATABLE_READ);
        tx.setReadOnly(true);
        return tx.execute(s -> new Checked(chain.verify(),
                jdbc.sql("select count(*) from audit_log").query(Long.class).single()));
    }

    private List<Long> writeEntries(String tag, int n) {
        for (int i = 0; i < n; i++) {
            audit.record("audit-test", "test.chain", "test", tag, Map.of("i", i, "text", "Nhật ký số " + i + " — “đủ dấu”"));
        }
        return jdbc.sql("select id from audit_log where subject_type = 'test' and subject_id = ? order by id")
                .param(tag).query(Long.class).list();
    }

    private void withTriggerDisabled(String trigger, Runnable change) {
        jdbc.sql("alter table audit_log disable trigger " + trigger).update();
        try {
            change.run();
        } finally {
            jdbc.sql("alter table audit_log enable trigger " + trigger).update();
        }
    }

    @Test
    void entriesAreChainedInIdOrderAndVerify() {
        List<Long> ids = writeEntries(UUID.randomUUID().toString(), 5);
        List<Map<String, Object>> rows = jdbc.sql("""
                        select seq, encode(prev_hash, 'hex') as prev, encode(hash, 'hex') as hash from audit_log
                        where id = any(?) order by id""")
                .param(ids.toArray(new Long[0])).query().listOfRows();
        for (int i = 1; i < rows.size(); i++) {
            assertThat(rows.get(i).get("prev")).isEqualTo(rows.get(i - 1).get("hash"));
            assertThat((Long) rows.get(i).get("seq")).isEqualTo((Long) rows.get(i - 1).get("seq") + 1);
        }
        Checked checked = verifyAndCount();
        assertThat(checked.result().ok()).as("%s", checked.result()).isTrue();
        assertThat(checked.result().count()).isEqualTo(checked.rows()).isGreaterThanOrEqualTo(5);
        assertThat(checked.result().headHash()).isEqualTo(jdbc.sql(
                "select encode(hash, 'hex') from audit_log order by seq desc limit 1").query(String.class).single());
    }

    @Test
    void aChangedEntryIsTheFirstBrokenLink() throws Exception {
        List<Long> ids = writeEntries(UUID.randomUUID().toString(), 3);
        long tampered = ids.get(1);
        String original = jdbc.sql("select details::text from audit_log where id = ?").param(tampered).query(String.class).single();
        try {
            withTriggerDisabled("audit_log_append_only", () -> jdbc.sql(
                    "update audit_log set details = jsonb_set(details, '{text}', '\"sửa lén\"') where id = ?").param(tampered).update());
            AuditChain.Result result = chain.verify();
            assertThat(result.ok()).isFalse();
            assertThat(result.brokenId()).isEqualTo(tampered);
            assertThat(result.problem()).isEqualTo(AuditChain.Problem.HASH_MISMATCH);
            assertThat(result.count()).isEqualTo(jdbc.sql("select count(*) from audit_log where id < ?").param(tampered)
                    .query(Long.class).single());
            mvc.perform(post("/admin/audit/verify").with(csrf()).with(authentication(login(officer(DemoData.ADMIN), true))))
                    .andExpect(status().isOk())
                    .andExpect(content().string(containsString("data-broken-id=\"" + tampered + "\"")))
                    .andExpect(content().string(containsString("data-problem=\"HASH_MISMATCH\"")))
                    .andExpect(content().string(containsString("mục số " + tampered + ":")))
                    .andExpect(content().string(containsString("mục đã bị sửa")));
        } finally {
            withTriggerDisabled("audit_log_append_only", () -> jdbc.sql("update audit_log set details = ?::jsonb where id = ?")
                    .params(original, tampered).update());
        }
        assertThat(chain.verify().ok()).as("put back as it was").isTrue();
    }

    @Test
    void aChangedEntryWithARecomputedHashBreaksTheNextLink() {
        List<Long> ids = writeEntries(UUID.randomUUID().toString(), 3);
        long tampered = ids.get(1);
        Map<String, Object> original = jdbc.sql("select details::text as details, hash from audit_log where id = ?")
                .param(tampered).query().singleRow();
        try {
            // Someone who knows the algorithm re-hashes the entry they changed: the entry checks, its successor does not.
            withTriggerDisabled("audit_log_append_only", () -> jdbc.sql("""
                            update audit_log set details = '{"text": "sửa lén"}',
                                   hash = sha256(audit_log_canonical(seq, id, at, actor, action, subject_type, subject_id,
                                                                     '{"text": "sửa lén"}'::jsonb, prev_hash))
                            where id = ?""").param(tampered).update());
            AuditChain.Result result = chain.verify();
            assertThat(result.brokenId()).isEqualTo(ids.get(2));
            assertThat(result.problem()).isEqualTo(AuditChain.Problem.PREV_HASH_MISMATCH);
        } finally {
            withTriggerDisabled("audit_log_append_only", () -> jdbc.sql(
                            "update audit_log set details = ?::jsonb, hash = ? where id = ?")
                    .params(original.get("details"), original.get("hash"), tampered).update());
        }
        assertThat(chain.verify().ok()).isTrue();
    }

    @Test
    void aDeletedEntryLeavesAGapAtTheNextOne() {
        List<Long> ids = writeEntries(UUID.randomUUID().toString(), 3);
        long deleted = ids.get(1);
        Map<String, Object> row = jdbc.sql("select * from audit_log where id = ?").param(deleted).query().singleRow();
        try {
            withTriggerDisabled("audit_log_append_only", () -> jdbc.sql("delete from audit_log where id = ?").param(deleted).update());
            AuditChain.Result result = chain.verify();
            assertThat(result.brokenId()).isEqualTo(ids.get(2));
            assertThat(result.problem()).isEqualTo(AuditChain.Problem.GAP);
        } finally {
            withTriggerDisabled("audit_log_chain", () -> jdbc.sql("""
                            insert into audit_log (id, at, actor, action, subject_type, subject_id, details, seq, prev_hash, hash)
                            select ?, ?, ?, ?, ?, ?, ?::jsonb, ?, ?, ?
                            where not exists (select 1 from audit_log where id = ?)""")
                    .params(row.get("id"), row.get("at"), row.get("actor"), row.get("action"), row.get("subject_type"),
                            row.get("subject_id"), String.valueOf(row.get("details")), row.get("seq"), row.get("prev_hash"),
                            row.get("hash"), deleted)
                    .update());
        }
        assertThat(chain.verify().ok()).isTrue();
    }

    @Test
    void plainSqlCannotChangeDeleteOrEmptyTheLog() {
        long id = writeEntries(UUID.randomUUID().toString(), 1).get(0);
        assertThatThrownBy(() -> jdbc.sql("update audit_log set actor = 'someone-else' where id = ?").param(id).update())
                .rootCause().hasMessageContaining("append-only");
        assertThatThrownBy(() -> jdbc.sql("delete from audit_log where id = ?").param(id).update())
                .rootCause().hasMessageContaining("append-only");
        assertThatThrownBy(() -> jdbc.sql("truncate audit_log").update()).rootCause().hasMessageContaining("append-only");
        assertThatThrownBy(() -> jdbc.sql("update audit_chain_head set seq = 0, hash = null").update())
                .rootCause().hasMessageContaining("audit_chain_head");
        assertThat(jdbc.sql("select actor from audit_log where id = ?").param(id).query(String.class).single())
                .isEqualTo("audit-test");
        // An id or a position chosen by the writer is ignored: the chain decides both.
        jdbc.sql("insert into audit_log (id, seq, actor, action, subject_type, subject_id) values (1, 1, 'x', 'test.forged', 'test', 'forged')")
                .update();
        assertThat(jdbc.sql("select id > ? from audit_log where action = 'test.forged' order by id desc limit 1").param(id)
                .query(Boolean.class).single()).isTrue();
        assertThat(chain.verify().ok()).isTrue();
    }

    /** Communes of province 92 that no other test files to, so their queues and receipt numbers stay out of the way. */
    private static final String FIRST = "27604";
    private static final String SECOND = "27608";

    /**
     * 8 threads × 25 audited actions at once: six officers of two police units take turns claiming and releasing
     * one dossier of their unit, two citizens submit dossiers. The chain stays whole and every action has its entry.
     */
    @Test
    void concurrentAuditedActionsKeepTheChainLinear() throws Exception {
        List<String> people = new ArrayList<>();
        // Submitters take turns among four people each: one person may submit at most 10 dossiers in 10 minutes.
        for (int offset = 1800; offset < 1810; offset++) {
            people.add(freeAdult(offset));
        }
        Dossier atFirst = submit(people.get(0), FIRST);
        Dossier atSecond = submit(people.get(1), SECOND);
        int rounds = 25;
        List<String> first = List.of("tiepnhan", "xuly", "lanhdao").stream().map(r -> "ca." + FIRST + "." + r).toList();
        List<String> second = List.of("tiepnhan", "xuly", "lanhdao").stream().map(r -> "ca." + SECOND + "." + r).toList();
        long entriesBefore = jdbc.sql("select count(*) from audit_log").query(Long.class).single();

        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(8);
        List<Future<List<UUID>>> work = new ArrayList<>();
        try {
            for (String name : first) {
                work.add(pool.submit(claimAndRelease(start, name, atFirst.id(), rounds)));
            }
            for (String name : second) {
                work.add(pool.submit(claimAndRelease(start, name, atSecond.id(), rounds)));
            }
            for (List<String> submitters : List.of(people.subList(2, 6), people.subList(6, 10))) {
                work.add(pool.submit(() -> {
                    start.await();
                    List<UUID> submitted = new ArrayList<>();
                    for (int i = 0; i < rounds; i++) {
                        submitted.add(submit(submitters.get(i % 4), i % 2 == 0 ? FIRST : SECOND).id());
                    }
                    return submitted;
                }));
            }
            start.countDown();
            List<UUID> submitted = new ArrayList<>();
            for (Future<List<UUID>> f : work) {
                submitted.addAll(f.get(10, TimeUnit.MINUTES));
            }

            Checked checked = verifyAndCount();
            assertThat(checked.result().ok()).as("%s", checked.result()).isTrue();
            assertThat(checked.result().count()).isEqualTo(checked.rows());

            // Every successful action has exactly one entry, in chain order: claimed and released by the same officer.
            for (Dossier d : List.of(atFirst, atSecond)) {
                List<Map<String, Object>> turns = jdbc.sql("""
                                select action, actor from audit_log where subject_type = 'dossier' and subject_id = ?
                                  and action in ('dossier.claimed', 'dossier.released') order by id""")
                        .param(d.id().toString()).query().listOfRows();
                assertThat(turns).hasSize(3 * rounds * 2);
                for (int i = 0; i < turns.size(); i += 2) {
                    assertThat(turns.get(i).get("action")).isEqualTo("dossier.claimed");
                    assertThat(turns.get(i + 1).get("action")).isEqualTo("dossier.released");
                    assertThat(turns.get(i + 1).get("actor")).isEqualTo(turns.get(i).get("actor"));
                }
                Map<String, Object> state = jdbc.sql("select assignee, lock_version, status_code from dossier where id = ?")
                        .param(d.id()).query().singleRow();
                assertThat(state.get("assignee")).isNull();
                assertThat(state.get("lock_version")).isEqualTo(d.lockVersion() + 3 * rounds * 2);
                assertThat(state.get("status_code")).isEqualTo(1);
            }
            assertThat(submitted).hasSize(2 * rounds).doesNotHaveDuplicates();
            assertThat(jdbc.sql("""
                            select count(*) from audit_log where action = 'dossier.submitted' and subject_id = any(?)""")
                    .param(submitted.stream().map(UUID::toString).toArray(String[]::new)).query(Long.class).single())
                    .isEqualTo(2L * rounds);
            assertThat(jdbc.sql("select count(*) from dossier where id = any(?) and status_code = 1 and receipt_code is not null")
                    .param(submitted.toArray(new UUID[0])).query(Long.class).single()).isEqualTo(2L * rounds);
            assertThat(checked.rows() - entriesBefore).isGreaterThanOrEqualTo(3L * rounds * 2 * 2 + 2L * rounds);
        } finally {
            pool.shutdownNow();
        }
    }

    private Dossier submit(String idNumber, String commune) {
        return ((Filing.Submitted) filing.submit(citizen(idNumber, 2), catalog.find("temporary-residence").orElseThrow(),
                UUID.randomUUID(), temporaryResidence("92", commune))).dossier();
    }

    /** Claims the dossier (retrying while a colleague holds it) and releases it, {@code rounds} times. */
    private Callable<List<UUID>> claimAndRelease(CountDownLatch start, String username, UUID id, int rounds) {
        PortalUser officer = officer(username);
        return () -> {
            start.await();
            for (int done = 0; done < rounds; ) {
                int version = jdbc.sql("select lock_version from dossier where id = ?").param(id).query(Integer.class).single();
                Dossier held;
                try {
                    held = decisions.claim(officer, id, version);
                } catch (UserFacingException e) {
                    assertThat(e.code()).isIn("decision.assignedToOther", "decision.concurrent");
                    Thread.sleep(1);
                    continue;
                }
                decisions.release(officer, id, held.lockVersion());
                done++;
            }
            return List.of();
        };
    }

    @Test
    void onlyAdminsRunTheCheck() throws Exception {
        PortalUser citizen = citizen(freeAdult(1849), 2);
        for (PortalUser user : new PortalUser[] {officer("ca.00308.lanhdao"), citizen}) {
            mvc.perform(get("/admin/audit").with(authentication(login(user)))).andExpect(status().isForbidden());
            mvc.perform(post("/admin/audit/verify").with(csrf()).with(authentication(login(user))))
                    .andExpect(status().isForbidden());
        }
        var admin = authentication(login(officer(DemoData.ADMIN), true));
        mvc.perform(get("/admin").with(admin)).andExpect(content().string(containsString("href=\"/admin/audit\"")));
        mvc.perform(get("/admin/audit").with(admin)).andExpect(status().isOk())
                .andExpect(content().string(containsString("id=\"audit-verify\"")))
                .andExpect(content().string(not(containsString("id=\"audit-result\""))));
        mvc.perform(post("/admin/audit/verify").with(csrf()).with(admin)).andExpect(status().isOk())
                .andExpect(content().string(containsString("id=\"audit-result\"")))
                .andExpect(content().string(containsString("Nhật ký toàn vẹn")))
                .andExpect(content().string(not(containsString("data-broken-id"))));
        mvc.perform(post("/admin/audit/verify").param("lang", "en").with(csrf()).with(admin)).andExpect(status().isOk())
                .andExpect(content().string(containsString("The audit log is intact")))
                .andExpect(content().string(not(containsString("??"))));
    }
}
