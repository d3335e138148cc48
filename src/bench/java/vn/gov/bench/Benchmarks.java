package vn.gov.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.Normalizer;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.IntFunction;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;
import org.springframework.jdbc.core.simple.JdbcClient;
import vn.gov.devstack.DevStack;
import vn.gov.devstack.mail.MailRelay;
import vn.gov.devstack.mail.StartTlsFront;
import vn.gov.portal.population.PrefillLookupBenchmark;

/**
 * The benchmark suite of docs/performance.md: {@code mvn -Pbench spring-boot:test-run} (options in
 * {@code -Dspring-boot.run.arguments}). For each data size ("stage") it loads a population and a dossier backlog into
 * an embedded PostgreSQL kept under target/bench, starts the portal in its own JVM as production runs it, and
 * measures the scenarios of issue 8 with Gatling (over HTTP, logged in through the e-ID provider) and JMH (lookups in
 * the database), pgbench for the database's own ceiling. Figures are printed and merged into docs/performance.md.
 * <p>
 * Options: {@code --stages=1m,10m} (or {@code smoke}: 20,000 people, seconds per scenario), {@code --only=1,2,…}
 * scenario numbers, {@code --fresh} to load the stages again, {@code --report=docs/performance.md}, {@code --jfr} to
 * record the portal with Java Flight Recorder (target/bench/portal-STAGE.jfr) for finding where its time goes,
 * {@code --database=defaults} to run PostgreSQL with its own settings instead of the tuned ones (or
 * {@code --database=tuned+wal_compression=off}: settings changed one by one), {@code --smtp-rtt=20} the round trip in
 * milliseconds to the simulated distant mail relay of scenario 9, {@code --mail-connections=4} the portal's
 * {@code portal.mail.connections}, {@code --portal-gc=G1} the measured portal's garbage collector (or Parallel, Serial).
 */
public final class Benchmarks {

    record Stage(String name, int people, int dossiers, Duration measure, Duration mixed, int mixedUsers) {
        String label() {
            return String.format(Locale.ROOT, "%s people, %s dossiers", size(people), size(dossiers));
        }

        private static String size(int n) {
            return n >= 1_000_000 ? n / 1_000_000 + " M" : n >= 1_000 ? n / 1_000 + " k" : String.valueOf(n);
        }
    }

    private static final Map<String, Stage> STAGES = Map.of(
            "smoke", new Stage("smoke", 20_000, 20_000, Duration.ofSeconds(10), Duration.ofSeconds(30), 20),
            "1m", new Stage("1m", 1_000_000, 1_000_000, Duration.ofSeconds(45), Duration.ofMinutes(5), 200),
            "10m", new Stage("10m", 10_000_000, 10_000_000, Duration.ofSeconds(45), Duration.ofMinutes(5), 200));

    static final Path WORK = Path.of("target/bench");
    private static final Duration WARM_UP = Duration.ofSeconds(15);

    private final Report report;
    private final Set<Integer> only;
    private final Map<String, String> database;
    private final boolean fresh;
    private final boolean profile;
    private final Duration smtpRoundTrip;
    private final int mailConnections;
    private final String collector;

    private Benchmarks(Report report, Set<Integer> only, Map<String, String> database, boolean fresh,
                       boolean profile, Duration smtpRoundTrip, int mailConnections, String collector) {
        this.collector = collector;
        this.report = report;
        this.only = only;
        this.database = database;
        this.fresh = fresh;
        this.profile = profile;
        this.smtpRoundTrip = smtpRoundTrip;
        this.mailConnections = mailConnections;
    }

    public static void main(String[] args) {
        List<Stage> stages = Arrays.stream(option(args, "stages", "1m,10m").split(",")).map(String::strip)
                .map(name -> {
                    Stage stage = STAGES.get(name);
                    if (stage == null) {
                        throw new IllegalArgumentException("unknown stage " + name + "; known: " + STAGES.keySet());
                    }
                    return stage;
                }).toList();
        Set<Integer> only = Arrays.stream(option(args, "only", "1,2,3,4,5,6,7,9").split(","))
                .map(String::strip).map(Integer::valueOf).collect(Collectors.toSet());
        Path reportFile = Path.of(option(args, "report", "docs/performance.md"));
        String command = "mvn -Pbench spring-boot:test-run" + (args.length == 0 ? ""
                : " -Dspring-boot.run.arguments=\"" + String.join(" ", args) + "\"");
        Map<String, String> database = DatabaseSettings.named(option(args, "database", "tuned"));
        Report report = new Report(command, Machine.describe() + "; PostgreSQL 17 with "
                + DatabaseSettings.describe(database));
        Benchmarks suite = new Benchmarks(report, only, database, Arrays.asList(args).contains("--fresh"),
                Arrays.asList(args).contains("--jfr"),
                Duration.ofMillis(Long.parseLong(option(args, "smtp-rtt", "20"))),
                // 4 is the portal's own default (application.yml), named here so that the report says it
                Integer.parseInt(option(args, "mail-connections", "4")),
                collector(option(args, "portal-gc", "G1")));
        try {
            for (int i = 0; i < stages.size(); i++) {
                suite.runStage(stages.get(i), i == stages.size() - 1);
                report.write(reportFile);
            }
            if (only.contains(7)) {
                StartTime.measure(report);
            }
        } finally {
            report.write(reportFile);
        }
        System.out.println("[benchmark] figures written to " + reportFile + "; Gatling's HTML reports are under "
                + WORK.resolve("gatling"));
        System.exit(0);
    }

    private void runStage(Stage stage, boolean largest) {
        Path data = WORK.resolve("data-" + stage.name());
        if (fresh) {
            deleteRecursively(data);
        }
        Instant started = Instant.now();
        // The portal sends mail as in production (STARTTLS required, then a login) through the relay to the front
        // that takes the TLS, so that the relay's delay holds up the handshake's round trips too.
        try (DevStack stack = DevStack.start(data, 9000, 0, stage.people(), database);
             StartTlsFront tls = new StartTlsFront(stack.mail().port());
             MailRelay relay = new MailRelay(tls.port())) {
            if (only.contains(1)) {
                populationLoad(stage, stack, Duration.between(started, Instant.now()));
            }
            List<String> portalSettings = List.of("--spring.mail.port=" + relay.port(),
                    "--portal.mail.connections=" + mailConnections,
                    "--PORTAL_SMTP_STARTTLS=true", "--PORTAL_SMTP_USERNAME=portal", "--PORTAL_SMTP_PASSWORD=bench",
                    // GreenMail's test certificate, which names no host: trusted, and its name not checked.
                    "--spring.mail.properties[mail.smtp.ssl.trust]=127.0.0.1",
                    "--spring.mail.properties[mail.smtp.ssl.checkserveridentity]=false");
            try (PortalProcess portal = PortalProcess.start(stack, stage.dossiers(),
                    WORK.resolve("portal-" + stage.name() + ".log"),
                    profile ? WORK.resolve("portal-" + stage.name() + ".jfr") : null, portalSettings, collector)) {
                if (only.contains(7)) {
                    report.add("7 Start", stage.label(), "portal JVM start to first page (production settings)",
                            seconds(portal.startup()));
                    long restRss = ResourceSampler.rssMb(portal.pid());
                    report.add("7 Start", stage.label(), "portal RSS at rest (after start)", restRss + " MB",
                            "≤ 512 MB", restRss <= 512);
                }
                if (only.contains(1)) {
                    report.add("1 Population load", stage.label(), "dossier table with its indexes, after the backlog",
                            megabytes(JdbcClient.create(stack.dataSource())
                                    .sql("select pg_total_relation_size('dossier')").query(Long.class).single()));
                }
                Samples samples = new Samples(stack.dataSource(), data, stage.people());
                Instant settling = Instant.now();
                samples.settle();
                System.out.println("[benchmark] vacuumed and warmed the database in "
                        + seconds(Duration.between(settling, Instant.now())));
                if (!"on".equals(DatabaseSettings.hugePages(JdbcClient.create(stack.dataSource())))) {
                    System.out.println("[benchmark] PostgreSQL's shared memory is not in huge pages; reserve them "
                            + "(sysctl -w vm.nr_hugepages=N, N × 2 MB a little above shared_buffers) to measure as "
                            + "docs/operations.md recommends");
                }
                if (only.contains(2)) {
                    prefill(stage, stack, samples);
                }
                if (only.contains(4)) {
                    queue(stage, samples);
                }
                if (largest && only.contains(3)) {
                    submissions(stage, stack, samples, portal);
                }
                if (largest && only.contains(5)) {
                    transitions(stage, samples, portal);
                }
                if (largest && only.contains(6)) {
                    mixed(stage, stack, samples, portal);
                }
                if (largest && only.contains(9)) {
                    MailDelivery.measure(report, stage.label(), stack, relay, tls, portal, smtpRoundTrip,
                            mailConnections);
                }
            }
        }
    }

    // 1 ----------------------------------------------------------------------------------------------------------

    private void populationLoad(Stage stage, DevStack stack, Duration startTook) {
        JdbcClient jdbc = JdbcClient.create(stack.dataSource());
        String scenario = "1 Population load";
        stack.populationLoad().ifPresentOrElse(load -> {
            report.add(scenario, stage.label(), "load time (generate + COPY + indexes)", seconds(load.took()),
                    stage.people() >= 10_000_000 ? "≤ 600 s for 10 M" : "",
                    stage.people() >= 10_000_000 ? load.took().toSeconds() <= 600 : null);
            report.add(scenario, stage.label(), "people / households / family links",
                    load.persons() + " / " + load.households() + " / " + load.familyLinks());
            report.add(scenario, stage.label(), "people loaded per second",
                    String.format(Locale.ROOT, "%,d", (long) (load.persons() / Math.max(0.001, load.took().toMillis() / 1000.0))));
        }, () -> System.out.println("[benchmark] " + stage.label() + " was loaded by an earlier run; its load time is"
                + " measured with --fresh"));
        report.add(scenario, stage.label(), "population schema size (tables + indexes)", megabytes(jdbc.sql("""
                select sum(pg_total_relation_size(c.oid)) from pg_class c join pg_namespace n on n.oid = c.relnamespace
                where n.nspname = 'population' and c.relkind = 'r'""").query(Long.class).single()));
        report.add(scenario, stage.label(), "whole database size",
                megabytes(jdbc.sql("select pg_database_size(current_database())").query(Long.class).single()));
    }

    // 2 ----------------------------------------------------------------------------------------------------------

    private void prefill(Stage stage, DevStack stack, Samples samples) {
        String scenario = "2 Prefill";
        try {
            RunResult result = new Runner(new OptionsBuilder().include(PrefillLookupBenchmark.class.getName())
                    .forks(1).jvmArgsAppend("-Dbench.jdbc=" + stack.jdbcUrl())
                    .warmupIterations(2).warmupTime(TimeValue.seconds(5))
                    .measurementIterations(3).measurementTime(TimeValue.seconds(stage.measure().toSeconds() / 3))
                    .build()).runSingle();
            var statistics = result.getPrimaryResult().getStatistics();
            double p50 = statistics.getPercentile(50) / 1000;
            double p99 = statistics.getPercentile(99) / 1000;
            report.add(scenario, stage.label(), "lookup in the database (JMH) p50", millis(p50));
            report.add(scenario, stage.label(), "lookup in the database (JMH) p99", millis(p99), "≤ 2 ms", p99 <= 2);
        } catch (RunnerException e) {
            throw new IllegalStateException("JMH failed", e);
        }
        warmUp(PrefillSimulation.class, new Workload(samples.citizens(100), List.of(), List.of(), List.of(), 4, WARM_UP));
        LoadRun.Result run = LoadRun.run(PrefillSimulation.class,
                new Workload(samples.citizens(2000), List.of(), List.of(), List.of(), 4, stage.measure()),
                WORK.resolve("gatling"), "prefill " + stage.label());
        LoadRun.Stats page = run.of("form page (prefilled)");
        report.add(scenario, stage.label(), "prefilled form page over HTTP, 4 at a time back to back: p50 / p95 / p99",
                page.p50() + " / " + page.p95() + " / " + page.p99() + " ms", "p95 ≤ 50 ms", page.p95() <= 50);
        report.add(scenario, stage.label(), "prefilled form pages per second (errors)",
                String.format(Locale.ROOT, "%.0f (%d)", page.perSecond(), page.ko()));
    }

    // 3 ----------------------------------------------------------------------------------------------------------

    private static long unlinkedAuditEntries(JdbcClient jdbc) {
        return jdbc.sql("select count(*) from audit_unlinked").query(Long.class).single();
    }

    /** How long until the portal's audit linker has linked every entry waiting, or null past {@code limit}. */
    private static Duration untilAuditLinked(JdbcClient jdbc, Duration limit) {
        Instant start = Instant.now();
        while (unlinkedAuditEntries(jdbc) > 0) {
            if (Duration.between(start, Instant.now()).compareTo(limit) > 0) {
                return null;
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return null;
            }
        }
        return Duration.between(start, Instant.now());
    }

    private static final int LINKER_BACKLOG = 100_000;

    /**
     * The linker's own rate: a backlog written in one transaction (as after an outage of the linker, or a burst larger
     * than any pgbench run leaves) and linked by the portal's scheduled linker with the machine otherwise idle.
     */
    private void linkerCeiling(String scenario, Stage stage, JdbcClient jdbc) {
        if (untilAuditLinked(jdbc, Duration.ofMinutes(5)) == null) {
            return;   // the row above says it did not catch up
        }
        jdbc.sql("""
                insert into audit_log (at, actor, action, subject_type, subject_id, details)
                select now(), '001090012345', 'dossier.submitted', 'dossier', 'bench-linker-' || g,
                       '{"receiptCode": "H01.00308", "procedure": "temporary-residence", "status": 1}'::jsonb
                from generate_series(1, ?) g""").param(LINKER_BACKLOG).update();
        Duration linked = untilAuditLinked(jdbc, Duration.ofMinutes(10));
        report.add(scenario, stage.label(), String.format(Locale.ROOT,
                        "the linker's own rate: %,d entries written at once, linked in", LINKER_BACKLOG),
                linked == null ? "not done in 10 min" : String.format(Locale.ROOT, "%.1f s (%,d /s)",
                        linked.toMillis() / 1000.0, LINKER_BACKLOG * 1000L / Math.max(1, linked.toMillis())));
    }

    private void submissions(Stage stage, DevStack stack, Samples samples, PortalProcess portal) {
        String scenario = "3 Submissions";
        int clients = 8;
        double ceiling = 0;
        JdbcClient jdbc = JdbcClient.create(stack.dataSource());
        if (Pgbench.available()) {
            for (Pgbench.Ceiling c : Pgbench.ceilings(stack.dataSource(), stack.jdbcUrl(), clients,
                    Duration.ofSeconds(20), WORK)) {
                report.add(scenario, stage.label(), "pgbench ceiling, " + c.transaction() + ", " + c.clients()
                        + " clients", String.format(Locale.ROOT, "%.0f /s (%.1f ms)", c.tps(), c.latencyMs()));
                report.add(scenario, stage.label(), "pgbench, " + c.transaction() + ": WAL per transaction",
                        kilobytes(c.walBytesPerTransaction()));
                ceiling = ceiling == 0 ? c.tps() : ceiling;
            }
            // The chained run is the last: entries its linker (on the portal under test) had not reached by its end.
            long waiting = unlinkedAuditEntries(jdbc);
            report.add(scenario, stage.label(), "audit entries waiting for the portal's linker when pgbench ended",
                    String.format(Locale.ROOT, "%,d", waiting));
            Duration drained = untilAuditLinked(jdbc, Duration.ofMinutes(5));
            report.add(scenario, stage.label(), "time the linker took for them afterwards, the machine otherwise idle"
                    + " (it runs every second)", drained == null ? "not done in 5 min"
                    : String.format(Locale.ROOT, "%.1f s (%,d /s)", drained.toMillis() / 1000.0,
                    waiting * 1000 / Math.max(1, drained.toMillis())));
            linkerCeiling(scenario, stage, jdbc);
        } else {
            report.add(scenario, stage.label(), "pgbench ceiling", "pgbench missing (apt-get install postgresql-client)");
        }
        // Warm-up until the portal's JIT compilers are quiet, in rounds of 30 s alternating the two cases with as many
        // citizens as measured. With a fixed two minutes, whichever case was measured first paid for compiling (JFR:
        // 45 s of compilation per minute still during the first measured run): 5.1 ms of portal CPU per submission
        // against 3.8-3.9 ms in the case measured second, in either order (2026-12-04).
        Quiet quiet = warmUpUntilQuiet(portal, stage, round -> Optional.of(() -> warmUp(SubmissionSimulation.class,
                new Workload(samples.citizens(16), round % 2 == 0 ? samples.communes() : samples.hoanKiem(), List.of(),
                        List.of(), 16, Duration.ofSeconds(30)))));
        report.add(scenario, stage.label(), "PostgreSQL's shared memory in huge pages",
                DatabaseSettings.hugePages(jdbc));
        report.add(scenario, stage.label(), "warm-up before measuring (until the JIT compiled < 1 s in 30 s of load)",
                quiet.rounds() + " × 30 s, " + quiet.last() + " compiling in the last");
        for (boolean sameUnit : List.of(false, true)) {
            String where = sameUnit ? "same receiving unit" : "spread over all communes";
            Instant from = Instant.now();
            WalMeter wal = WalMeter.start(jdbc);
            Sampled sampled = sampled(portal, samples, () -> LoadRun.run(SubmissionSimulation.class,
                    new Workload(samples.citizens(16), sameUnit ? samples.hoanKiem() : samples.communes(),
                            List.of(), List.of(), 16, stage.measure()),
                    WORK.resolve("gatling"), "submissions " + where));
            LoadRun.Result run = sampled.run();
            ResourceSampler.Usage portalUse = sampled.portal();
            ResourceSampler.Usage postgresUse = sampled.postgres();
            double rate = samples.submissionsPerSecond(from);
            report.add(scenario, stage.label(), "16 citizens, " + where + ": WAL per submission (post and page)",
                    kilobytes((double) wal.bytesSince() / Math.max(1, samples.submissionsSince(from))));
            report.add(scenario, stage.label(), "16 citizens, " + where
                            + ": CPU of portal / PostgreSQL / load generator (200% = both cores)",
                    String.format(Locale.ROOT, "%.0f%% / %.0f%% / %.0f%%", portalUse.cpuPercentAverage(),
                            postgresUse.cpuPercentAverage(), sampled.generator().cpuPercentAverage()));
            // CPU time per submission: what the code costs, steadier from run to run than the rate on a shared VM.
            report.add(scenario, stage.label(), "16 citizens, " + where + ": CPU per submission, portal / PostgreSQL",
                    String.format(Locale.ROOT, "%.1f / %.1f ms", 10 * portalUse.cpuPercentAverage() / rate,
                            10 * postgresUse.cpuPercentAverage() / rate));
            LoadRun.Stats submit = run.of("submit");
            report.add(scenario, stage.label(), "16 citizens, " + where + ": dossiers per second (sustained)",
                    String.format(Locale.ROOT, "%.0f /s", rate),
                    ceiling > 0 ? String.format(Locale.ROOT, "≥ 50%% of pgbench (%.0f /s)", ceiling / 2) : "",
                    ceiling > 0 ? rate >= ceiling / 2 : null);
            if (ceiling > 0) {
                report.add(scenario, stage.label(), "16 citizens, " + where + ": fraction of the plain pgbench ceiling",
                        String.format(Locale.ROOT, "%.0f %%", 100 * rate / ceiling));
            }
            report.add(scenario, stage.label(), "16 citizens, " + where + ": submit p50 / p95 / p99",
                    submit.p50() + " / " + submit.p95() + " / " + submit.p99() + " ms", "p95 ≤ 100 ms",
                    submit.p95() <= 100);
            report.add(scenario, stage.label(), "16 citizens, " + where + ": errors", run.all().ko() + " of "
                    + run.all().count() + " requests", "0", run.all().ko() == 0);
            // Whether the audit chain kept up with the submissions: the linker shares the portal's scheduled jobs
            // with mail delivery, which once held it up for as long as the load lasted.
            report.add(scenario, stage.label(), "16 citizens, " + where
                            + ": audit entries waiting for the linker at the end",
                    String.format(Locale.ROOT, "%,d", unlinkedAuditEntries(jdbc)));
        }
    }

    // 4 ----------------------------------------------------------------------------------------------------------

    private void queue(Stage stage, Samples samples) {
        String scenario = "4 Officer queue";
        // The officers come in the same order in every run; the four measured are the first, and the warm-up works
        // the queues of the next twenty, so that the measured pages do not find their own queries warm.
        List<Map<String, Object>> officers = samples.officers(200);
        List<Map<String, Object>> others = officers.size() > 8 ? officers.subList(4, Math.min(24, officers.size()))
                : officers;
        warmUp(QueueSimulation.class, new Workload(List.of(), List.of(), others, List.of(), 4, WARM_UP));
        LoadRun.Result run = LoadRun.run(QueueSimulation.class,
                new Workload(List.of(), List.of(), officers, List.of(), 4, stage.measure()),
                WORK.resolve("gatling"), "queue " + stage.label());
        run.stats().values().stream().filter(s -> s.name().startsWith("queue:") || s.name().startsWith("search:"))
                .forEach(s -> report.add(scenario, stage.label(), s.name() + " p50 / p95 (4 officers)",
                        s.p50() + " / " + s.p95() + " ms", "p95 ≤ 50 ms", s.p95() <= 50));
        report.add(scenario, stage.label(), "queue and search pages per second (errors)",
                String.format(Locale.ROOT, "%.0f (%d)", run.all().perSecond(), run.all().ko()));
    }

    // 5 ----------------------------------------------------------------------------------------------------------

    private void transitions(Stage stage, Samples samples, PortalProcess portal) {
        String scenario = "5 Workflow transitions";
        int measured = stage.people() >= 1_000_000 ? 1500 : 100;
        List<Map<String, Object>> found = samples.submittedAtHoanKiem(measured + MAX_WARM_UP_ROUNDS * WARM_UP_DOSSIERS);
        if (found.isEmpty()) {
            report.add(scenario, stage.label(), "transitions", "no submitted dossiers (run scenario 3 first)");
            return;
        }
        // The officers' pages and decisions warm up on dossiers of their own, batch after batch, until the JIT is quiet.
        List<Map<String, Object>> dossiers = found.subList(0, Math.min(measured, found.size()));
        List<Map<String, Object>> spare = found.subList(dossiers.size(), found.size());
        Quiet quiet = warmUpUntilQuiet(portal, stage, round -> (round + 1) * WARM_UP_DOSSIERS > spare.size() ? Optional.empty()
                : Optional.of(() -> warmUp(TransitionSimulation.class, new Workload(List.of(), List.of(), List.of(),
                        spare.subList(round * WARM_UP_DOSSIERS, (round + 1) * WARM_UP_DOSSIERS), 8, stage.measure()))));
        report.add(scenario, stage.label(), "warm-up before measuring (batches of " + WARM_UP_DOSSIERS
                + " dossiers until the JIT compiled < 1 s in one)", quiet.rounds() + " batches, " + quiet.last()
                + " compiling in the last");
        Instant from = Instant.now();
        LoadRun.Result run = LoadRun.run(TransitionSimulation.class,
                new Workload(List.of(), List.of(), List.of(), dossiers, 8, stage.measure()),
                WORK.resolve("gatling"), "transitions " + stage.label());
        double rate = samples.officerTransitionsPerSecond(from);
        report.add(scenario, stage.label(), dossiers.size() + " dossiers × receive → process → approve → return, 8 officers",
                String.format(Locale.ROOT, "%.0f transitions /s", rate));
        for (String event : List.of("receive", "process", "approve", "return-result")) {
            LoadRun.Stats s = run.of("officer: " + event);
            report.add(scenario, stage.label(), event + " p50 / p95", s.p50() + " / " + s.p95() + " ms");
        }
        report.add(scenario, stage.label(), "errors", run.all().ko() + " of " + run.all().count() + " requests", "0",
                run.all().ko() == 0);
    }

    // 6 ----------------------------------------------------------------------------------------------------------

    private void mixed(Stage stage, DevStack stack, Samples samples, PortalProcess portal) {
        String scenario = "6 Mixed load";
        int users = stage.mixedUsers();
        Sampled sampled = sampled(portal, samples, () -> LoadRun.run(MixedSimulation.class,
                new Workload(samples.citizens(users), samples.communes(), samples.officers(50), List.of(), users,
                        stage.mixed()),
                WORK.resolve("gatling"), "mixed " + users + " users"));
        LoadRun.Result run = sampled.run();
        ResourceSampler.Usage portalUse = sampled.portal();
        ResourceSampler.Usage postgresUse = sampled.postgres();
        String label = users + " users, " + (stage.mixed().toSeconds() < 60 ? stage.mixed().toSeconds() + " s"
                : stage.mixed().toMinutes() + " min");
        LoadRun.Stats all = run.all();
        report.add(scenario, stage.label(), label + ": p95 / p99 of all requests", all.p95() + " / " + all.p99()
                + " ms", "p95 ≤ 100 ms", all.p95() <= 100);
        report.add(scenario, stage.label(), label + ": requests per second",
                String.format(Locale.ROOT, "%.0f", all.perSecond()));
        report.add(scenario, stage.label(), label + ": errors", all.ko() + " of " + all.count(), "0", all.ko() == 0);
        report.add(scenario, stage.label(), label + ": portal CPU average / peak (200% = both cores)",
                String.format(Locale.ROOT, "%.0f%% / %.0f%%", portalUse.cpuPercentAverage(), portalUse.cpuPercentPeak()));
        report.add(scenario, stage.label(), label + ": portal RSS average / peak",
                portalUse.memoryAverageMb() + " / " + portalUse.memoryPeakMb() + " MB");
        report.add(scenario, stage.label(), label + ": PostgreSQL CPU average / peak",
                String.format(Locale.ROOT, "%.0f%% / %.0f%%", postgresUse.cpuPercentAverage(), postgresUse.cpuPercentPeak()));
        report.add(scenario, stage.label(), label + ": PostgreSQL memory (PSS) average / peak",
                postgresUse.memoryAverageMb() + " / " + postgresUse.memoryPeakMb() + " MB");
        report.add(scenario, stage.label(), label + ": load generator (Gatling, same machine) CPU average",
                String.format(Locale.ROOT, "%.0f%%", sampled.generator().cpuPercentAverage()));
        run.stats().values().stream().filter(s -> !s.name().equals("all") && !s.name().startsWith("login"))
                .sorted(Comparator.comparing(LoadRun.Stats::p95).reversed()).limit(3)
                .forEach(s -> report.add(scenario, stage.label(), label + ": slowest — " + s.name() + " p95",
                        s.p95() + " ms"));
    }

    // helpers --------------------------------------------------------------------------------------------------

    private record Sampled(LoadRun.Result run, ResourceSampler.Usage portal, ResourceSampler.Usage postgres,
                           ResourceSampler.Usage generator) {}

    /**
     * A load run with the CPU and memory of the portal, of PostgreSQL and of this process (Gatling, the load generator,
     * which shares the two cores with them) sampled while it lasts.
     */
    private static Sampled sampled(PortalProcess portal, Samples samples, java.util.function.Supplier<LoadRun.Result> load) {
        try (ResourceSampler portalSampler = ResourceSampler.ofProcess(portal.pid());
             ResourceSampler postgresSampler = ResourceSampler.ofPostgres(samples.dataDirectory());
             ResourceSampler generatorSampler = ResourceSampler.ofProcess(ProcessHandle.current().pid())) {
            LoadRun.Result run = load.get();
            return new Sampled(run, portalSampler.usage(), postgresSampler.usage(), generatorSampler.usage());
        }
    }

    private static final int MAX_WARM_UP_ROUNDS = 16;
    private static final int WARM_UP_DOSSIERS = 600;

    /** How a warm-up ended: the rounds it took and the JIT's compile time in the last one. */
    private record Quiet(int rounds, String last) {}

    /**
     * Runs warm-up rounds until the portal's JIT compilers are quiet (under 1 s of compiling in a round, after at least
     * four rounds), at most sixteen, or until {@code round} has no more to run. On two saturated cores the JIT went on
     * compiling minutes into a load, and whatever was measured first paid for it (docs/performance.md). The smoke
     * stage, which checks that the suite runs rather than measures, warms up for one round.
     */
    private static Quiet warmUpUntilQuiet(PortalProcess portal, Stage stage, IntFunction<Optional<Runnable>> round) {
        int most = stage.people() < 1_000_000 ? 1 : MAX_WARM_UP_ROUNDS;
        int rounds = 0;
        double compiling = 0;
        while (rounds < most) {
            Optional<Runnable> next = round.apply(rounds);
            if (next.isEmpty()) {
                break;
            }
            double before = portal.compileSeconds();
            next.get().run();
            compiling = portal.compileSeconds() - before;
            rounds++;
            System.out.printf(Locale.ROOT, "[benchmark] warm-up round %d: the portal's JIT compiled for %.1f s%n",
                    rounds, compiling);
            if (rounds >= 4 && compiling < 1.0) {
                break;
            }
        }
        return new Quiet(rounds, String.format(Locale.ROOT, "%.1f s", compiling));
    }

    /** Runs a simulation briefly, unreported, so that the portal's code under it is compiled before it is measured. */
    private static void warmUp(Class<?> simulation, Workload workload) {
        LoadRun.run(simulation, workload, WORK.resolve("gatling-warm-up"), "warm-up");
    }

    static String kilobytes(double bytes) {
        return String.format(Locale.ROOT, "%.1f KB", bytes / 1024);
    }

    /** {@code --portal-gc}: the measured portal's garbage collector; production runs G1 (docs/operations.md). */
    private static String collector(String name) {
        return List.of("G1", "Parallel", "Serial").stream().filter(c -> c.equalsIgnoreCase(name)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("--portal-gc is G1, Parallel or Serial, not " + name));
    }

    static String option(String[] args, String name, String fallback) {
        return Arrays.stream(args).filter(a -> a.startsWith("--" + name + "="))
                .map(a -> a.substring(name.length() + 3)).findFirst().orElse(fallback);
    }

    static String seconds(Duration d) {
        return String.format(Locale.ROOT, "%.1f s", d.toMillis() / 1000.0);
    }

    static String millis(double ms) {
        return String.format(Locale.ROOT, "%.2f ms", ms);
    }

    static String megabytes(long bytes) {
        return String.format(Locale.ROOT, "%,d MB", bytes / (1024 * 1024));
    }

    /** A name as an officer types it: lower case, no diacritics. */
    static String plain(String name) {
        return Normalizer.normalize(name.replace('đ', 'd').replace('Đ', 'D'), Normalizer.Form.NFD)
                .replaceAll("\\p{M}", "").toLowerCase(Locale.ROOT);
    }

    static void deleteRecursively(Path directory) {
        if (!Files.exists(directory)) {
            return;
        }
        try (Stream<Path> all = Files.walk(directory)) {
            for (Path p : all.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static List<String> lines(Path file) {
        try {
            return Files.readAllLines(file);
        } catch (IOException e) {
            return new ArrayList<>();
        }
    }
}
