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

import java.sql.Connection;
import java.sql.Statement;
import java.time.Instant;
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
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.scheduling.TaskScheduler;
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
 * The audit log is a hash chain that only grows: entries are linked after commit, every link verifies, a changed,
 * re-hashed, deleted or smuggled-in entry is found as the first broken link, plain SQL cannot change or delete entries
 * or links, and concurrent writers, who no longer wait for each other, all end up in one linear chain. Tests that
 * tamper put the rows back in a finally block, so the shared database keeps a whole chain.
 */
class AuditChainTest extends PortalIntegrationTest {

    @Autowired
    AuditChain chain;
    @Autowired
    AuditLinker linker;
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
    DataSource dataSource;
    @Autowired
    MockMvc mvc;

    /** Verifies and counts in one snapshot, so entries written meanwhile by scheduled jobs cannot skew the count. */
    private record Checked(AuditChain.Result result, long rows) {}

    private Checked linkVerifyAndCount() {
        linker.linkPending();
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

    private List<Long> writeAndLink(int n) {
        List<Long> ids = writeEntries(UUID.randomUUID().toString(), n);
        linker.linkPending();
        return ids;
    }

    private void withTriggerDisabled(String table, String trigger, Runnable change) {
        jdbc.sql("alter table " + table + " disable trigger " + trigger).update();
        try {
            change.run();
        } finally {
            jdbc.sql("alter table " + table + " enable trigger " + trigger).update();
        }
    }

    /**
     * The scheduled linker, not a call from the test, links new entries while another scheduled job hangs, as mail
     * delivery does on a slow SMTP server: the jobs do not share one thread.
     */
    @Test
    void theScheduledLinkerKeepsLinkingWhileAnotherScheduledJobHangs(@Autowired TaskScheduler scheduler)
            throws InterruptedException {
        CountDownLatch hanging = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        scheduler.schedule(() -> {
            hanging.countDown();
            try {
                release.await(2, TimeUnit.MINUTES);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, Instant.now());
        try {
            assertThat(hanging.await(30, TimeUnit.SECONDS)).as("the hanging job started").isTrue();
            List<Long> ids = writeEntries(UUID.randomUUID().toString(), 3);
            long linked = 0;
            // The linker runs every second in tests; half a minute leaves room for a slow machine.
            for (int i = 0; i < 300 && linked < ids.size(); i++) {
                Thread.sleep(100);
                linked = jdbc.sql("select count(*) from audit_link where entry_id = any(?)")
                        .param(ids.toArray(Long[]::new)).query(Long.class).single();
            }
            assertThat(linked).isEqualTo(ids.size());
        } finally {
            release.countDown();
        }
    }

    /**
     * A backlog (the linker stopped for a while, a burst larger than it links in a second) is linked in batches that
     * find and remove their entries by the queue's index. The linker first works a small queue many times, as it does
     * most of the day, which once left the server with a plan for a small queue: each batch of the backlog then read
     * the whole queue. The server's own counters tell how many queue rows were read one by one.
     */
    @Test
    void aBacklogIsLinkedWithoutReadingTheWholeQueueForEachBatch() {
        int backlog = 15 * AuditLinker.BATCH;
        new TransactionTemplate(transactions).executeWithoutResult(status -> {
            status.setRollbackOnly();   // all on one connection, whose prepared statements the linker reuses
            linker.linkPending();
            jdbc.sql("analyze audit_unlinked").update();   // the statistics of a queue kept short, as autovacuum takes them
            for (int i = 0; i < 12; i++) {
                writeAndLink(1);
            }
            jdbc.sql("""
                    insert into audit_log (at, actor, action, subject_type, subject_id, details)
                    select now(), 'audit-test', 'test.backlog', 'test', 'backlog-' || g, '{}'::jsonb
                    from generate_series(1, ?) g""").param(backlog).update();
            long readBefore = queueRowsScanned();
            assertThat(linker.linkPending()).isEqualTo(backlog);
            assertThat(queueRowsScanned() - readBefore).as("queue rows read by scanning it whole")
                    .isLessThan(backlog);
        });
    }

    /** Rows of audit_unlinked that sequential scans read in this transaction. */
    private long queueRowsScanned() {
        return jdbc.sql("select coalesce(seq_tup_read, 0) from pg_stat_xact_user_tables where relname = 'audit_unlinked'")
                .query(Long.class).optional().orElse(0L);
    }

    @Test
    void entriesAreLinkedAfterCommitInTheOrderTheyCommittedAndVerify() {
        List<Long> ids = writeEntries(UUID.randomUUID().toString(), 5);
        linker.linkPending();
        List<Map<String, Object>> links = jdbc.sql("""
                        select seq, entry_id, encode(prev_hash, 'hex') as prev, encode(hash, 'hex') as hash from audit_link
                        where entry_id = any(?) order by seq""")
                .param(ids.toArray(new Long[0])).query().listOfRows();
        assertThat(links).extracting(l -> l.get("entry_id")).containsExactlyElementsOf(ids);
        for (int i = 1; i < links.size(); i++) {
            assertThat(links.get(i).get("prev")).isEqualTo(links.get(i - 1).get("hash"));
            assertThat((Long) links.get(i).get("seq")).isEqualTo((Long) links.get(i - 1).get("seq") + 1);
        }
        assertThat(jdbc.sql("select count(*) from audit_unlinked where entry_id = any(?)")
                .param(ids.toArray(new Long[0])).query(Long.class).single()).isZero();
        Checked checked = linkVerifyAndCount();
        assertThat(checked.result().ok()).as("%s", checked.result()).isTrue();
        assertThat(checked.result().count() + checked.result().waiting()).isEqualTo(checked.rows());
        assertThat(checked.result().count()).isGreaterThanOrEqualTo(5);
        // The head hash is the database's own audit_log_canonical over the last link, not only Java's.
        assertThat(checked.result().headHash()).isEqualTo(jdbc.sql("""
                select encode(sha256(audit_log_canonical(l.seq, a.id, a.at, a.actor, a.action, a.subject_type,
                                                         a.subject_id, a.details, l.prev_hash)), 'hex')
                from audit_link l join audit_log a on a.id = l.entry_id
                where l.seq = ?""").param(checked.result().count()).query(String.class).single());
    }

    @Test
    void theScheduledLinkerLinksWithoutBeingAsked() throws Exception {
        List<Long> ids = writeEntries(UUID.randomUUID().toString(), 2);
        long linked = 0;
        for (int i = 0; i < 300 && linked < 2; i++) {
            Thread.sleep(100);
            linked = jdbc.sql("select count(*) from audit_link where entry_id = any(?)")
                    .param(ids.toArray(new Long[0])).query(Long.class).single();
        }
        assertThat(linked).isEqualTo(2);
    }

    /**
     * While another linker (another portal instance) holds the head, this one skips its round instead of waiting,
     * writers are not held up, and the check counts their entries as waiting; afterwards they are linked.
     */
    @Test
    void writersDoNotWaitForTheLinkerAndOneLinkerWorksAtATime() throws Exception {
        List<Long> ids;
        try (Connection other = dataSource.getConnection()) {
            other.setAutoCommit(false);
            try (Statement head = other.createStatement()) {
                head.executeQuery("select seq from audit_chain_head for update").close();
            }
            ids = writeEntries(UUID.randomUUID().toString(), 3);
            assertThat(linker.linkPending()).isZero();
            AuditChain.Result result = chain.verify();
            assertThat(result.ok()).as("%s", result).isTrue();
            assertThat(result.waiting()).isGreaterThanOrEqualTo(3);
            var admin = authentication(login(officer(DemoData.ADMIN), true));
            mvc.perform(post("/admin/audit/verify").with(csrf()).with(admin)).andExpect(status().isOk())
                    .andExpect(content().string(containsString("id=\"audit-waiting\"")))
                    .andExpect(content().string(containsString("đang chờ được nối vào chuỗi")));
            other.rollback();
        }
        assertThat(linker.linkPending()).isGreaterThanOrEqualTo(3);
        assertThat(jdbc.sql("select count(*) from audit_link where entry_id = any(?)")
                .param(ids.toArray(new Long[0])).query(Long.class).single()).isEqualTo(3);
    }

    @Test
    void aChangedEntryIsTheFirstBrokenLink() throws Exception {
        List<Long> ids = writeAndLink(3);
        long tampered = ids.get(1);
        String original = jdbc.sql("select details::text from audit_log where id = ?").param(tampered).query(String.class).single();
        try {
            withTriggerDisabled("audit_log", "audit_log_append_only", () -> jdbc.sql(
                    "update audit_log set details = jsonb_set(details, '{text}', '\"sửa lén\"') where id = ?").param(tampered).update());
            AuditChain.Result result = chain.verify();
            assertThat(result.ok()).isFalse();
            assertThat(result.brokenId()).isEqualTo(tampered);
            assertThat(result.problem()).isEqualTo(AuditChain.Problem.HASH_MISMATCH);
            assertThat(result.count()).isEqualTo(jdbc.sql("select seq - 1 from audit_link where entry_id = ?").param(tampered)
                    .query(Long.class).single());
            mvc.perform(post("/admin/audit/verify").with(csrf()).with(authentication(login(officer(DemoData.ADMIN), true))))
                    .andExpect(status().isOk())
                    .andExpect(content().string(containsString("data-broken-id=\"" + tampered + "\"")))
                    .andExpect(content().string(containsString("data-problem=\"HASH_MISMATCH\"")))
                    .andExpect(content().string(containsString("mục số " + tampered + ":")))
                    .andExpect(content().string(containsString("mục đã bị sửa")));
        } finally {
            withTriggerDisabled("audit_log", "audit_log_append_only", () -> jdbc.sql(
                    "update audit_log set details = ?::jsonb where id = ?").params(original, tampered).update());
        }
        assertThat(chain.verify().ok()).as("put back as it was").isTrue();
    }

    @Test
    void aChangedEntryWithARecomputedHashBreaksTheNextLink() {
        List<Long> ids = writeAndLink(3);
        long tampered = ids.get(1);
        String details = jdbc.sql("select details::text from audit_log where id = ?").param(tampered).query(String.class).single();
        byte[] hash = jdbc.sql("select hash from audit_link where entry_id = ?").param(tampered).query(byte[].class).single();
        try {
            // Someone who knows the algorithm re-hashes the entry they changed: the entry checks, its successor does not.
            withTriggerDisabled("audit_log", "audit_log_append_only", () -> jdbc.sql(
                    "update audit_log set details = '{\"text\": \"sửa lén\"}' where id = ?").param(tampered).update());
            withTriggerDisabled("audit_link", "audit_link_append_only", () -> jdbc.sql("""
                            update audit_link l set hash = sha256(audit_log_canonical(l.seq, a.id, a.at, a.actor, a.action,
                                   a.subject_type, a.subject_id, a.details, l.prev_hash))
                            from audit_log a where a.id = l.entry_id and l.entry_id = ?""").param(tampered).update());
            AuditChain.Result result = chain.verify();
            assertThat(result.brokenId()).isEqualTo(ids.get(2));
            assertThat(result.problem()).isEqualTo(AuditChain.Problem.PREV_HASH_MISMATCH);
        } finally {
            withTriggerDisabled("audit_log", "audit_log_append_only", () -> jdbc.sql(
                    "update audit_log set details = ?::jsonb where id = ?").params(details, tampered).update());
            withTriggerDisabled("audit_link", "audit_link_append_only", () -> jdbc.sql(
                    "update audit_link set hash = ? where entry_id = ?").params(hash, tampered).update());
        }
        assertThat(chain.verify().ok()).isTrue();
    }

    @Test
    void aDeletedEntryIsMissingAndADeletedLinkLeavesAGap() {
        List<Long> ids = writeAndLink(3);
        long deleted = ids.get(1);
        Map<String, Object> entry = jdbc.sql("select * from audit_log where id = ?").param(deleted).query().singleRow();
        Map<String, Object> link = jdbc.sql("select * from audit_link where entry_id = ?").param(deleted).query().singleRow();
        try {
            withTriggerDisabled("audit_log", "audit_log_append_only", () -> jdbc.sql("delete from audit_log where id = ?").param(deleted).update());
            AuditChain.Result result = chain.verify();
            assertThat(result.brokenId()).isEqualTo(deleted);
            assertThat(result.problem()).isEqualTo(AuditChain.Problem.MISSING);
            withTriggerDisabled("audit_link", "audit_link_append_only", () -> jdbc.sql("delete from audit_link where entry_id = ?").param(deleted).update());
            result = chain.verify();
            assertThat(result.brokenId()).isEqualTo(ids.get(2));
            assertThat(result.problem()).isEqualTo(AuditChain.Problem.GAP);
        } finally {
            withTriggerDisabled("audit_log", "audit_log_queue", () -> jdbc.sql("""
                            insert into audit_log (id, at, actor, action, subject_type, subject_id, details)
                            select ?, ?, ?, ?, ?, ?, ?::jsonb where not exists (select 1 from audit_log where id = ?)""")
                    .params(entry.get("id"), entry.get("at"), entry.get("actor"), entry.get("action"),
                            entry.get("subject_type"), entry.get("subject_id"), String.valueOf(entry.get("details")), deleted)
                    .update());
            jdbc.sql("""
                            insert into audit_link (seq, entry_id, prev_hash, hash) select ?, ?, ?, ?
                            where not exists (select 1 from audit_link where entry_id = ?)""")
                    .params(link.get("seq"), deleted, link.get("prev_hash"), link.get("hash"), deleted).update();
        }
        assertThat(chain.verify().ok()).isTrue();
    }

    @Test
    void anEntryWrittenAroundTheChainIsFound() {
        writeAndLink(1);
        String tag = UUID.randomUUID().toString();
        withTriggerDisabled("audit_log", "audit_log_queue", () -> jdbc.sql("""
                        insert into audit_log (actor, action, subject_type, subject_id)
                        values ('x', 'test.smuggled', 'test', ?)""").param(tag).update());
        long smuggled = jdbc.sql("select id from audit_log where subject_id = ?").param(tag).query(Long.class).single();
        try {
            linker.linkPending();
            AuditChain.Result result = chain.verify();
            assertThat(result.problem()).isEqualTo(AuditChain.Problem.UNLINKED);
            assertThat(result.brokenId()).isEqualTo(smuggled);
        } finally {
            withTriggerDisabled("audit_log", "audit_log_append_only", () -> jdbc.sql("delete from audit_log where id = ?")
                    .param(smuggled).update());
        }
        assertThat(chain.verify().ok()).isTrue();
    }

    @Test
    void plainSqlCannotChangeDeleteOrEmptyTheLogOrItsLinks() {
        long id = writeAndLink(1).get(0);
        assertThatThrownBy(() -> jdbc.sql("update audit_log set actor = 'someone-else' where id = ?").param(id).update())
                .rootCause().hasMessageContaining("append-only");
        assertThatThrownBy(() -> jdbc.sql("delete from audit_log where id = ?").param(id).update())
                .rootCause().hasMessageContaining("append-only");
        assertThatThrownBy(() -> jdbc.sql("truncate audit_log").update()).rootCause().hasMessageContaining("append-only");
        assertThatThrownBy(() -> jdbc.sql("update audit_link set hash = hash where entry_id = ?").param(id).update())
                .rootCause().hasMessageContaining("audit_link is append-only");
        assertThatThrownBy(() -> jdbc.sql("delete from audit_link where entry_id = ?").param(id).update())
                .rootCause().hasMessageContaining("audit_link is append-only");
        assertThatThrownBy(() -> jdbc.sql("truncate audit_link").update()).rootCause().hasMessageContaining("append-only");
        assertThatThrownBy(() -> jdbc.sql("update audit_chain_head set seq = 0, hash = null").update())
                .rootCause().hasMessageContaining("audit_chain_head");
        assertThat(jdbc.sql("select actor from audit_log where id = ?").param(id).query(String.class).single())
                .isEqualTo("audit-test");
        // An id chosen by the writer is ignored: the sequence gives it, and the entry is queued like any other.
        jdbc.sql("insert into audit_log (id, actor, action, subject_type, subject_id) values (1, 'x', 'test.forged', 'test', 'forged')")
                .update();
        assertThat(jdbc.sql("select id > ? from audit_log where action = 'test.forged' order by id desc limit 1").param(id)
                .query(Boolean.class).single()).isTrue();
        Checked checked = linkVerifyAndCount();
        assertThat(checked.result().ok()).as("%s", checked.result()).isTrue();
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

            Checked checked = linkVerifyAndCount();
            assertThat(checked.result().ok()).as("%s", checked.result()).isTrue();
            assertThat(checked.result().count() + checked.result().waiting()).isEqualTo(checked.rows());

            // Every successful action has exactly one entry: claimed and released by the same officer, in chain order.
            for (Dossier d : List.of(atFirst, atSecond)) {
                List<Map<String, Object>> turns = jdbc.sql("""
                                select a.action, a.actor from audit_log a join audit_link l on l.entry_id = a.id
                                where a.subject_type = 'dossier' and a.subject_id = ?
                                  and a.action in ('dossier.claimed', 'dossier.released') order by l.seq""")
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
