package vn.gov.portal.limits;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.authentication;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.multipart;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.hamcrest.Matchers;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.mock.web.MockMultipartFile;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import vn.gov.portal.PortalIntegrationTest;
import vn.gov.portal.attachment.TestFiles;
import vn.gov.portal.identity.PortalUser;

class RateLimitsTest extends PortalIntegrationTest {

    private static final String SECRET = vn.gov.devstack.DevStack.LIMITS_KEY_SECRET;

    @Autowired
    MockMvc mvc;
    @Autowired
    RateLimits limits;
    @Autowired
    PlatformTransactionManager transactions;
    @Autowired
    javax.sql.DataSource dataSource;
    @Autowired
    vn.gov.portal.dossier.Filing filing;
    @Autowired
    vn.gov.portal.catalog.ProcedureCatalog catalog;

    /** A commune no other test files into, so these many dossiers do not crowd other tests' queues. */
    static final java.util.Map<String, String> ANSWERS = temporaryResidence("20", "06008");

    private void submit(PortalUser citizen) {
        assertThat(filing.submit(citizen, catalog.find("temporary-residence").orElseThrow(), UUID.randomUUID(), ANSWERS))
                .isInstanceOf(vn.gov.portal.dossier.Filing.Submitted.class);
    }

    private long submitted(PortalUser citizen) {
        return jdbc.sql("select count(*) from dossier where applicant_id_number = ? and state <> 'draft'")
                .param(citizen.subject()).query(Long.class).single();
    }

    private long drafts(PortalUser citizen) {
        return jdbc.sql("select count(*) from dossier where applicant_id_number = ? and state = 'draft'")
                .param(citizen.subject()).query(Long.class).single();
    }

    private MockHttpServletRequestBuilder submitForm(PortalUser citizen) {
        MockHttpServletRequestBuilder request = post("/procedures/temporary-residence/apply").with(csrf())
                .with(authentication(login(citizen))).param("formId", UUID.randomUUID().toString())
                .param("action", "submit");
        ANSWERS.forEach((k, v) -> request.param(k, v));
        return request;
    }

    @Test
    void theEleventhSubmissionInTenMinutesIsRefusedWith429AndChangesNothing() throws Exception {
        PortalUser citizen = citizen(freeAdult(1900), 2);
        for (int i = 0; i < limits.limitOf(LimitedAction.SUBMISSION); i++) {
            submit(citizen);
        }
        assertThat(submitted(citizen)).isEqualTo(10);
        long audited = jdbc.sql("select count(*) from audit_log where actor = ? and action = 'dossier.submitted'")
                .param(citizen.subject()).query(Long.class).single();

        mvc.perform(submitForm(citizen)).andExpect(status().isTooManyRequests())
                .andExpect(header().string("Retry-After", Matchers.matchesPattern("[1-9][0-9]*")))
                .andExpect(content().string(Matchers.containsString("Bạn đã nộp 10 hồ sơ trong 10 phút vừa qua")));
        mvc.perform(submitForm(citizen).param("lang", "en")).andExpect(status().isTooManyRequests())
                .andExpect(content().string(Matchers.containsString("You have submitted 10 applications in the last 10 minutes")));

        // Nothing changed: no dossier, no draft left from the refused form, nothing audited, the count unchanged.
        assertThat(submitted(citizen)).isEqualTo(10);
        assertThat(drafts(citizen)).isZero();
        assertThat(jdbc.sql("select count(*) from audit_log where actor = ? and action = 'dossier.submitted'")
                .param(citizen.subject()).query(Long.class).single()).isEqualTo(audited);
        assertThat(limits.recent(citizen.subject(), LimitedAction.SUBMISSION)).isEqualTo(10);

        // Another citizen is not affected.
        PortalUser other = citizen(freeAdult(1901), 2);
        submit(other);
        assertThat(submitted(other)).isEqualTo(1);
    }

    @Test
    void uploadsOverTheLimitAreRefusedWith429AndNotStored() throws Exception {
        PortalUser citizen = citizen(freeAdult(1902), 2);
        // The citizen's earlier uploads of the last minutes, as any portal instance would have counted them.
        jdbc.sql("insert into rate_limit (subject, action, times) values (?, 'UPLOAD', array_fill(now() - interval '1 minute', array[?]))")
                .params(citizen.subject(), limits.limitOf(LimitedAction.UPLOAD)).update();
        mvc.perform(multipart("/procedures/electricity-new-connection/apply/attachments")
                        .file(new MockMultipartFile("file", "hop-dong.pdf", "application/pdf", TestFiles.pdf("hợp đồng")))
                        .param("formId", UUID.randomUUID().toString()).param("documentId", "premisesProof")
                        .with(csrf()).with(authentication(login(citizen))))
                .andExpect(status().isTooManyRequests())
                .andExpect(header().string("Retry-After", Matchers.matchesPattern("[1-9][0-9]*")))
                .andExpect(content().string(Matchers.containsString("Bạn đã tải lên 40 tệp")));
        assertThat(drafts(citizen)).isZero();
        assertThat(jdbc.sql("select count(*) from attachment a join dossier d on d.id = a.dossier_id "
                + "where d.applicant_id_number = ?").param(citizen.subject()).query(Long.class).single()).isZero();

        // Uploads older than the window no longer count.
        aged(citizen.subject());
        new TransactionTemplate(transactions).executeWithoutResult(t -> limits.take(citizen.subject(), LimitedAction.UPLOAD));
        assertThat(limits.recent(citizen.subject(), LimitedAction.UPLOAD)).isEqualTo(1);
    }

    @Test
    void twoPortalInstancesShareTheCountEvenWhenRequestsComeAtOnce() throws Exception {
        String subject = freeAdult(1903);
        // Two instances as two portal servers would have them: separate objects, the one database.
        List<RateLimits> instances = List.of(new RateLimits(jdbc, 3, 3, Duration.ofMinutes(10), 3, Duration.ofHours(1), SECRET),
                new RateLimits(jdbc, 3, 3, Duration.ofMinutes(10), 3, Duration.ofHours(1), SECRET));
        TransactionTemplate tx = new TransactionTemplate(transactions);
        ExecutorService pool = Executors.newFixedThreadPool(6);
        try {
            List<Future<Boolean>> results = new ArrayList<>();
            for (int i = 0; i < 12; i++) {
                RateLimits instance = instances.get(i % 2);
                Callable<Boolean> attempt = () -> {
                    try {
                        tx.executeWithoutResult(t -> instance.take(subject, LimitedAction.SUBMISSION));
                        return true;
                    } catch (TooManyRequests e) {
                        return false;
                    }
                };
                results.add(pool.submit(attempt));
            }
            int allowed = 0;
            for (Future<Boolean> result : results) {
                allowed += result.get() ? 1 : 0;
            }
            assertThat(allowed).isEqualTo(3);
        } finally {
            pool.shutdownNow();
        }
        assertThat(limits.recent(subject, LimitedAction.SUBMISSION)).isEqualTo(3);
    }

    @Test
    void anActionDropsThePersonsTimesThatLeftTheWindowAndThePurgeTheRowsWithNoneLeft() {
        String subject = freeAdult(2240);
        String idle = freeAdult(2243);
        TransactionTemplate tx = new TransactionTemplate(transactions);
        tx.executeWithoutResult(t -> limits.take(subject, LimitedAction.SUBMISSION));
        tx.executeWithoutResult(t -> limits.take(idle, LimitedAction.SUBMISSION));
        aged(subject);
        aged(idle);
        tx.executeWithoutResult(t -> limits.take(subject, LimitedAction.SUBMISSION));
        assertThat(limits.recent(subject, LimitedAction.SUBMISSION)).as("the old action no longer counts").isEqualTo(1);
        assertThat(times(subject)).as("the action dropped the old time from its row").isEqualTo(1);

        assertThat(limits.forgetExpired()).as("rows deleted, the idle person's among them").isPositive();
        assertThat(times(idle)).as("no row left for who has no action in the window").isZero();
        assertThat(times(subject)).isEqualTo(1);
        assertThat(limits.recent(subject, LimitedAction.SUBMISSION)).isEqualTo(1);
    }

    @Test
    void onlyOneInstancePurgesAtATime() throws Exception {
        String subject = freeAdult(2246);
        jdbc.sql("insert into rate_limit (subject, action, times) values (?, 'UPLOAD', array[now() - interval '11 minutes'])")
                .param(subject).update();
        // Another instance purging: it holds the purge's lock in its open transaction.
        try (java.sql.Connection other = dataSource.getConnection()) {
            other.setAutoCommit(false);
            other.createStatement().execute("select pg_advisory_xact_lock(hashtext('rate-limit:purge'))");
            assertThat(limits.forgetExpired()).isZero();
            assertThat(times(subject)).isEqualTo(1);
            other.rollback();
        }
        assertThat(limits.forgetExpired()).isPositive();
        assertThat(times(subject)).isZero();
    }

    /** A person acting again after a pause holds their row: the purge leaves it to them instead of waiting. */
    @Test
    void thePurgeSkipsARowAnActionHoldsInsteadOfWaitingForIt() throws Exception {
        String subject = freeAdult(2244);
        new TransactionTemplate(transactions).executeWithoutResult(t -> limits.take(subject, LimitedAction.UPLOAD));
        aged(subject);
        try (java.sql.Connection acting = dataSource.getConnection()) {
            acting.setAutoCommit(false);
            try (var lock = acting.prepareStatement("select 1 from rate_limit where subject = ? for update")) {
                lock.setString(1, subject);
                lock.executeQuery().close();
            }
            ExecutorService purge = Executors.newSingleThreadExecutor();
            try {
                purge.submit(limits::forgetExpired).get(10, java.util.concurrent.TimeUnit.SECONDS);
            } finally {
                purge.shutdownNow();
            }
            assertThat(times(subject)).as("kept for the action holding it").isEqualTo(1);
            acting.rollback();
        }
        limits.forgetExpired();
        assertThat(times(subject)).isZero();
    }

    @Test
    void lookupsCountEachNumberOnceInTheirHourAndTheOneOverTheLimitIsRefusedWithoutRollingBack() {
        String subject = freeAdult(3150);
        // Three numbers an hour, as an instance configured so would count them.
        RateLimits lookups = new RateLimits(jdbc, 10, 40, Duration.ofMinutes(10), 3, Duration.ofHours(1), SECRET);
        TransactionTemplate tx = new TransactionTemplate(transactions);
        java.util.function.Function<String, java.util.Optional<TooManyRequests>> look = number ->
                tx.execute(t -> lookups.takeOnce(subject, LimitedAction.PERSON_LOOKUP, number));
        assertThat(look.apply("001190000001")).isEmpty();
        assertThat(look.apply("001190000002")).isEmpty();
        assertThat(look.apply("001190000001")).as("a number already counted costs nothing").isEmpty();
        assertThat(look.apply("001190000003")).isEmpty();
        assertThat(lookups.recent(subject, LimitedAction.PERSON_LOOKUP)).isEqualTo(3);

        // The fourth number is refused, returned rather than thrown, so the request's transaction still commits.
        TooManyRequests refused = look.apply("001190000004").orElseThrow();
        assertThat(refused.limit()).isEqualTo(3);
        assertThat(refused.window()).isEqualTo(Duration.ofHours(1));
        assertThat(refused.retryAfter()).isBetween(Duration.ofMinutes(59), Duration.ofHours(1));
        assertThat(look.apply("001190000002")).as("the numbers counted still pass").isEmpty();
        assertThat(lookups.recent(subject, LimitedAction.PERSON_LOOKUP)).isEqualTo(3);

        // Eleven minutes later the submissions' window has passed, not the look-ups': still counted, not purged.
        aged(subject);
        assertThat(lookups.forgetExpired()).isNotNegative();
        assertThat(times(subject)).isEqualTo(3);
        assertThat(look.apply("001190000004")).isPresent();
        // An hour later they no longer count: the fourth number passes and the row keeps it alone.
        jdbc.sql("update rate_limit set times = array(select t - interval '50 minutes' from unnest(times) t) where subject = ?")
                .param(subject).update();
        assertThat(look.apply("001190000004")).isEmpty();
        assertThat(look.apply("001190000001")).as("counted again in the new hour").isEmpty();
        assertThat(times(subject)).isEqualTo(2);
    }

    /**
     * The row keeps what each look-up was about as a keyed hash, not the ID number: whoever reads the database learns
     * neither whom a citizen looked up nor, across rows, that two citizens looked up the same person.
     */
    @Test
    void lookupKeysAreKeyedHashesNeverTheNumbersLookedUp() {
        String subject = uniqueSubject();
        String other = uniqueSubject();
        List<String> numbers = List.of("001190000011", "001190000012");
        for (String number : numbers) {
            assertThat(lookUp(limits, subject, number)).isEmpty();
        }
        assertThat(lookUp(limits, subject, numbers.get(0))).as("the same number again still counts once").isEmpty();
        assertThat(lookUp(limits, other, numbers.get(0))).isEmpty();
        assertThat(limits.recent(subject, LimitedAction.PERSON_LOOKUP)).isEqualTo(2);

        List<String> keys = keys(subject);
        assertThat(keys).hasSize(2).doesNotHaveDuplicates().allMatch(k -> k.matches("[0-9a-f]{64}"));
        String stored = jdbc.sql("select string_agg(r::text, ';') from rate_limit r where subject in (?, ?)")
                .params(subject, other).query(String.class).single();
        numbers.forEach(number -> assertThat(stored).doesNotContain(number));
        assertThat(keys(other)).as("another citizen's look-up of the same person does not show as the same key")
                .singleElement().isNotIn(keys);

        // The key depends on the secret: without it, hashing every possible number finds nothing.
        RateLimits otherSecret = new RateLimits(jdbc, 10, 40, Duration.ofMinutes(10), 20, Duration.ofHours(1),
                "another-secret-of-at-least-thirty-two-characters");
        String third = uniqueSubject();
        assertThat(lookUp(otherSecret, third, numbers.get(0))).isEmpty();
        assertThat(lookUp(limits, third, numbers.get(0))).isEmpty();
        assertThat(keys(third)).hasSize(2).doesNotHaveDuplicates();
    }

    /** V45_1 clears the numbers the release before stored as keys, and keeps their times counting. */
    @Test
    void theMigrationClearsTheNumbersStoredBeforeAndKeepsTheirTimes() throws Exception {
        String migration = new String(getClass().getResourceAsStream(
                "/db/migration/V45_1__rate_limit_keys_hashed.sql").readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        List<String> after = new TransactionTemplate(transactions).execute(t -> {
            // A temporary table of the same name comes first in the search path: the migration runs on it alone.
            jdbc.sql("create temporary table rate_limit (like public.rate_limit including all) on commit drop").update();
            jdbc.sql("""
                    insert into rate_limit (subject, action, times, keys) values
                        ('001080000001', 'PERSON_LOOKUP', array[now() - interval '5 minutes', now()],
                         array['001190000021', '001190000022']),
                        ('001080000001', 'UPLOAD', array[now()], null)""").update();
            jdbc.sql(migration).update();
            return jdbc.sql("select action || ':' || cardinality(times) || ':'"
                    + " || coalesce(array_to_string(keys, ',', '-'), 'none') from rate_limit order by action")
                    .query(String.class).list();
        });
        assertThat(after).containsExactly("PERSON_LOOKUP:2:-,-", "UPLOAD:1:none");
    }

    @Test
    void aShortKeySecretStopsTheStart() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> new RateLimits(jdbc, 10, 40, Duration.ofMinutes(10), 20,
                        Duration.ofHours(1), "too-short"))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("PORTAL_LIMITS_KEY_SECRET");
    }

    /**
     * A subject no other test counts for: a free adult picked by offset changes as other tests file dossiers, and could
     * be the one whose row another test expects empty.
     */
    private static String uniqueSubject() {
        return "rate-limits-test-" + UUID.randomUUID();
    }

    private java.util.Optional<TooManyRequests> lookUp(RateLimits instance, String subject, String number) {
        return new TransactionTemplate(transactions).execute(t -> instance.takeOnce(subject, LimitedAction.PERSON_LOOKUP, number));
    }

    private List<String> keys(String subject) {
        return jdbc.sql("select k from rate_limit r, unnest(r.keys) k where r.subject = ? and r.action = 'PERSON_LOOKUP'")
                .param(subject).query(String.class).list();
    }

    /** Moves the person's counted actions 11 minutes back, out of the 10-minute window. */
    private void aged(String subject) {
        jdbc.sql("update rate_limit set times = array(select t - interval '11 minutes' from unnest(times) t) where subject = ?")
                .param(subject).update();
    }

    /** The times kept in the person's rows, in the window or not. */
    private long times(String subject) {
        return jdbc.sql("select coalesce(sum(cardinality(times)), 0) from rate_limit where subject = ?").param(subject)
                .query(Long.class).single();
    }
}
