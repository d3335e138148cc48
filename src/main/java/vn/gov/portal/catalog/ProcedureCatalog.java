package vn.gov.portal.catalog;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The procedures the portal offers: every released version of each, stored in PostgreSQL ({@link ProcedureStore}).
 * New dossiers get the latest published version ({@link #find}); a dossier keeps the version it was filed under
 * ({@link #get}). At start an empty store is seeded from the definition files ({@link CatalogSeed}). A publication
 * reloads this instance at once ({@link #refresh}); every instance also compares the store's generation number every
 * few seconds ({@code portal.catalog.refresh-interval}) and reloads when another instance published.
 */
@Component
public class ProcedureCatalog {

    private static final Logger log = LoggerFactory.getLogger(ProcedureCatalog.class);
    private static final String SEEDED_BY = "workflows/";

    /**
     * What the catalog serves between two reloads; replaced whole, never changed. {@code groupSteps}: per released
     * group version ("code:version"), the versions of its steps it is served with; {@code publishedGroups}: the
     * published groups as written, checked again when one of their steps is to get a new version.
     */
    private record Snapshot(long generation, Map<String, ProcedureDefinition> latest,
                            Map<String, ProcedureDefinition> released, Map<String, List<ProcedureDefinition>> groupSteps,
                            Map<String, ProcedureDefinition> writtenGroups, List<Written> publishedGroups,
                            Set<String> officerStates, Map<String, ResolvedGroup> filedGroups) {}

    /**
     * What a dossier was filed under: its procedure's version and, for an interconnected group's own dossier, the
     * versions of its steps then (an element null or missing: not known, the served one is taken).
     */
    public interface FiledUnder {
        String procedureCode();

        int procedureVersion();

        List<Integer> stepVersions();
    }

    /** A released version as parsed from its stored text. */
    private record Written(StoredVersion row, ProcedureDefinition definition) {}

    /** A released group version with the versions of its steps it is served with. */
    private record ResolvedGroup(ProcedureDefinition group, List<ProcedureDefinition> steps) {}

    private final DefinitionCheck check;
    private final ProcedureStore store;
    /** Released texts never change, so each is parsed once ("code:version"). */
    private final Map<String, DefinitionParser.Result> parsed = new ConcurrentHashMap<>();
    private final AtomicReference<Snapshot> snapshot = new AtomicReference<>();

    public ProcedureCatalog(@Value("${portal.workflows.location:classpath:workflows/}") String location,
                            DefinitionCheck check, ProcedureStore store, PlatformTransactionManager transactions) {
        this.check = check;
        this.store = store;
        new TransactionTemplate(transactions).executeWithoutResult(status -> seed(location));
        refresh();
        log.info("Catalog generation {}: {} procedure(s) published: {}", generation(), snapshot.get().latest().size(),
                snapshot.get().latest().keySet());
    }

    private void seed(String location) {
        store.lockForSeeding();
        Map<String, StoredVersion> published = new LinkedHashMap<>();
        store.published().forEach(v -> published.put(v.code(), v));
        Set<String> stored = new HashSet<>(published.keySet());
        store.drafts().forEach(v -> stored.add(v.code()));
        store.released().forEach(v -> stored.add(v.code()));
        CatalogSeed.Plan plan = CatalogSeed.plan(seedFiles(location), check.parser(), published, stored);
        plan.warnings().forEach(w -> log.warn(w));
        for (CatalogSeed.Insert insert : plan.inserts()) {
            store.insertPublished(insert.code(), insert.version(), insert.text(), SEEDED_BY + insert.file());
        }
        if (!plan.inserts().isEmpty()) {
            store.bumpGeneration();
            log.info("Seeded {} procedure definition(s) from {}", plan.inserts().size(), location);
        }
    }

    /**
     * Reloads from the store: at once after a publication here, on the next poll after one elsewhere. Holds no lock
     * while it reads: a request thread reloads inside its transaction, on its connection, and must not wait for the
     * scheduler's reload, which waits for a connection of its own (with a small pool, for the pool's timeout). A reload
     * that no other overtook serves what it read, even a generation lower than before (a restored database); of two
     * at once, the later generation stays. The generation is read before the versions, so a snapshot's versions are
     * never older than its generation says.
     */
    public void refresh() {
        Snapshot before = snapshot.get();
        long generation = store.generation();
        List<Written> written = new ArrayList<>();
        Map<String, ProcedureDefinition> rawLatest = new TreeMap<>();
        for (StoredVersion row : store.released()) {
            DefinitionParser.Result result = parsed.computeIfAbsent(key(row.code(), row.version()),
                    k -> check.parser().parse(row.code() + ".yaml (v" + row.version() + ")", row.source()));
            if (!result.ok()) {
                log.error("Stored procedure {} version {} no longer passes the checks and is not served: {}", row.code(),
                        row.version(), result.problems());
                continue;
            }
            written.add(new Written(row, result.definition()));
            if (row.isPublished()) {
                rawLatest.put(row.code(), result.definition());
            }
        }
        Map<String, ProcedureDefinition> released = new HashMap<>();
        Map<String, List<ProcedureDefinition>> groupSteps = new HashMap<>();
        Map<String, ProcedureDefinition> writtenGroups = new HashMap<>();
        List<Written> publishedGroups = new ArrayList<>();
        for (Written version : written) {
            String key = key(version.row().code(), version.row().version());
            if (!version.definition().isGroup()) {
                released.put(key, version.definition());
                continue;
            }
            if (version.row().isPublished()) {
                publishedGroups.add(version);
            }
            writtenGroups.put(key, version.definition());
            resolve(version, rawLatest, written).ifPresent(resolved -> {
                released.put(key, resolved.group());
                groupSteps.put(key, resolved.steps());
            });
        }
        Map<String, ProcedureDefinition> latest = new LinkedHashMap<>();
        rawLatest.forEach((code, definition) -> Optional.ofNullable(released.get(key(code, definition.version())))
                .ifPresent(d -> latest.put(code, d)));
        Set<String> officerStates = new HashSet<>();
        released.values().forEach(d -> d.workflow().transitions().stream().filter(WorkflowDefinition.Transition::byOfficer)
                .forEach(t -> t.from().forEach(from -> officerStates.add(d.code() + ":" + from))));
        Snapshot read = new Snapshot(generation, Collections.unmodifiableMap(latest), Map.copyOf(released),
                Map.copyOf(groupSteps), Map.copyOf(writtenGroups), List.copyOf(publishedGroups), Set.copyOf(officerStates),
                new ConcurrentHashMap<>());
        if (!snapshot.compareAndSet(before, read)) {
            snapshot.accumulateAndGet(read, (current, next) -> next.generation() > current.generation() ? next : current);
        }
    }

    /** The generation of the store this instance serves. */
    long generation() {
        return snapshot.get().generation();
    }

    /** Another instance may have published: the generation number says so cheaply. */
    @Scheduled(fixedDelayString = "${portal.catalog.refresh-interval:PT5S}", initialDelayString = "${portal.catalog.refresh-interval:PT5S}")
    void refreshWhenChanged() {
        try {
            if (store.generation() != generation()) {
                refresh();
                log.info("Catalog reloaded: generation {}", generation());
            }
        } catch (RuntimeException e) {
            log.warn("Could not check the catalog generation: {}", e.toString());
        }
    }

    /**
     * A released group version with the latest versions of its steps if it accepts them (publishing a step checks the
     * published groups, so the latest group does), else with the versions in force when it was published: a version
     * once released is never dropped, and its dossiers in flight keep moving (a step published before that check
     * existed, or by another instance while this group was published).
     */
    private Optional<ResolvedGroup> resolve(Written group, Map<String, ProcedureDefinition> latest,
                                            List<Written> released) {
        Function<String, Optional<ProcedureDefinition>> steps = code -> Optional.ofNullable(latest.get(code));
        List<DefinitionProblem> problems = check.groupProblems(group.definition(), steps);
        if (!problems.isEmpty()) {
            // Expected of a superseded version; of the published one, an admin should publish a group that fits.
            if (group.row().isPublished()) {
                log.warn("Group {} version {} does not accept the latest versions of its steps ({}): it is served with"
                        + " those in force when it was published", group.row().code(), group.row().version(), problems);
            }
            steps = inForceAt(group.row().publishedAt(), released);
        }
        Function<String, Optional<ProcedureDefinition>> chosen = steps;
        List<DefinitionProblem> unresolved = new ArrayList<>();
        Optional<ProcedureDefinition> resolved = DefinitionCheck.resolveGroup(group.definition(), chosen, unresolved);
        if (resolved.isEmpty()) {
            log.error("Group {} version {} is not served: {}", group.row().code(), group.row().version(), unresolved);
            return Optional.empty();
        }
        return Optional.of(new ResolvedGroup(resolved.get(), group.definition().steps().stream()
                .map(step -> chosen.apply(step.procedure()).orElseThrow()).toList()));
    }

    /** Each procedure's version that was the published one at {@code at} (the latest when the time is not known). */
    private static Function<String, Optional<ProcedureDefinition>> inForceAt(Instant at, List<Written> released) {
        return code -> released.stream()
                .filter(v -> v.row().code().equals(code) && v.row().publishedAt() != null
                        && (at == null || !v.row().publishedAt().isAfter(at)))
                .max(Comparator.comparing((Written v) -> v.row().publishedAt()).thenComparingInt(v -> v.row().version()))
                .map(Written::definition);
    }

    private static String key(String code, int version) {
        return code + ":" + version;
    }

    /** Every problem of a text meant to be a version of a procedure (see {@link DefinitionCheck}). */
    public DefinitionCheck.Review review(String code, int version, String yaml) {
        DefinitionCheck.Review review = check.review(code, version, yaml, this::find);
        if (!review.ok() || review.definition().isGroup()) {
            return review;
        }
        List<DefinitionProblem> broken = groupsBrokenBy(review.definition());
        return broken.isEmpty() ? review : new DefinitionCheck.Review(null, broken);
    }

    /**
     * A step's new version must suit every published group that names it, as the group's own publication was
     * checked: else new dossiers of the group could not be filed, nor its dossiers in flight go on. Each group that
     * would not is named, followed by its problems (their lines are the group's, so the whole file is meant).
     */
    private List<DefinitionProblem> groupsBrokenBy(ProcedureDefinition step) {
        List<DefinitionProblem> problems = new ArrayList<>();
        for (Written group : snapshot.get().publishedGroups()) {
            if (group.definition().steps().stream().noneMatch(s -> s.procedure().equals(step.code()))) {
                continue;
            }
            List<DefinitionProblem> found = check.groupProblems(group.definition(),
                    code -> code.equals(step.code()) ? Optional.of(step) : find(code));
            if (!found.isEmpty()) {
                problems.add(DefinitionProblem.of(step.source(), 0, "breaksGroup", group.row().code(),
                        group.row().version()));
                found.forEach(p -> problems.add(new DefinitionProblem(p.source(), 0, p.key(), p.args())));
            }
        }
        return problems;
    }

    /** Checks the definition files alone (tests, tools): every problem of every file, or the definitions by code. */
    static Map<String, ProcedureDefinition> load(DefinitionParser parser, DefinitionRules rules, String location) {
        List<CatalogSeed.SeedFile> files = seedFiles(location);
        CatalogSeed.Read read = CatalogSeed.read(files, parser);
        List<DefinitionProblem> problems = new ArrayList<>(read.problems());
        Map<String, ProcedureDefinition> loaded = read.definitions();
        // Whole-definition rules once every file is read (group steps name other files); staff are checked by the editor.
        loaded.forEach((code, d) -> problems.addAll(rules.problems(d, DefinitionLines.of(read.files().get(code).text()),
                other -> Optional.ofNullable(loaded.get(other)), DefinitionRules.StaffedRoles.UNCHECKED)));
        if (loaded.isEmpty() && problems.isEmpty()) {
            problems.add(DefinitionProblem.of(location, 0, "noDefinitions"));
        }
        if (!problems.isEmpty()) {
            throw new InvalidDefinitionException(problems);
        }
        return loaded;
    }

    static List<CatalogSeed.SeedFile> seedFiles(String location) {
        return files(location).stream().map(f -> new CatalogSeed.SeedFile(f.getFilename(), read(f))).toList();
    }

    private static List<Resource> files(String location) {
        String base = location.endsWith("/") ? location : location + "/";
        try {
            Resource[] found = new PathMatchingResourcePatternResolver().getResources(base + "*.yaml");
            List<Resource> files = new ArrayList<>(List.of(found));
            files.sort(Comparator.comparing(Resource::getFilename));
            return files;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list procedure definitions in " + location, e);
        }
    }

    private static String read(Resource file) {
        try {
            return file.getContentAsString(StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file.getFilename(), e);
        }
    }

    /** The latest published version of every procedure. */
    public List<ProcedureDefinition> all() {
        return List.copyOf(snapshot.get().latest().values());
    }

    /**
     * "code:state" of every state in which some officer has a decision to take, in any released version: the queue
     * shows these, not dossiers waiting for the citizen, the other party or a payment.
     */
    public Set<String> officerStates() {
        return snapshot.get().officerStates();
    }

    /** The latest published version: what a new dossier is filed under. */
    public Optional<ProcedureDefinition> find(String code) {
        return Optional.ofNullable(snapshot.get().latest().get(code));
    }

    /**
     * The name a list of dossiers shows for one: that of the version it was filed under, as its own pages show
     * ({@link #of}), read from memory so a page of the queue asks nothing per row. A version not served here (published
     * elsewhere since the last poll, or no longer passing the checks) is named as the newest version; an unknown
     * procedure not at all.
     */
    public Optional<LocalizedText> nameOf(FiledUnder dossier) {
        Snapshot now = snapshot.get();
        return Optional.ofNullable(now.released().get(key(dossier.procedureCode(), dossier.procedureVersion())))
                .or(() -> Optional.ofNullable(now.latest().get(dossier.procedureCode())))
                .map(ProcedureDefinition::name);
    }

    /**
     * The version of a group's step (0-based) a dossier of the group files: the one the group version is served
     * with (see {@link #refresh}), so the step's form is one the group was checked against.
     */
    public ProcedureDefinition step(ProcedureDefinition group, int index) {
        List<ProcedureDefinition> steps = snapshot.get().groupSteps().get(key(group.code(), group.version()));
        if (steps == null) {
            throw new IllegalStateException("no group " + group.code() + " version " + group.version());
        }
        return steps.get(index);
    }

    /**
     * The definition a dossier was filed under: {@link #get}, except that an interconnected group's own dossier gets
     * its group version with the step versions it was filed with, not those the version is served with now (a step
     * published since, which the group takes, would show the citizen a form they never answered). Every page, form
     * and decision about a dossier asks here.
     */
    public ProcedureDefinition of(FiledUnder dossier) {
        ProcedureDefinition served = get(dossier.procedureCode(), dossier.procedureVersion());
        return served.isGroup() && !dossier.stepVersions().isEmpty()
                ? filed(dossier).group() : served;
    }

    /**
     * The version of a group's step (0-based) a group's dossier files or shows: the one it was filed with, else (not
     * known: filed before the portal kept them) the one its group version is served with.
     */
    public ProcedureDefinition step(FiledUnder group, int index) {
        ProcedureDefinition served = get(group.procedureCode(), group.procedureVersion());
        return group.stepVersions().isEmpty() ? step(served, index) : filed(group).steps().get(index);
    }

    private ResolvedGroup filed(FiledUnder dossier) {
        Snapshot now = snapshot.get();
        String key = key(dossier.procedureCode(), dossier.procedureVersion());
        return now.filedGroups().computeIfAbsent(key + "@" + dossier.stepVersions(), k -> {
            ProcedureDefinition written = now.writtenGroups().get(key);
            List<ProcedureDefinition> served = now.groupSteps().get(key);
            List<ProcedureDefinition> steps = new ArrayList<>();
            for (int i = 0; i < served.size(); i++) {
                Integer version = i < dossier.stepVersions().size() ? dossier.stepVersions().get(i) : null;
                ProcedureDefinition step = version == null ? null
                        : now.released().get(key(written.steps().get(i).procedure(), version));
                steps.add(step != null ? step : served.get(i));
            }
            List<DefinitionProblem> problems = new ArrayList<>();
            Optional<ProcedureDefinition> group = DefinitionCheck.resolveGroup(written,
                    code -> steps.stream().filter(s -> s.code().equals(code)).findFirst(), problems);
            if (group.isEmpty()) {
                // Not expected (the dossier was filed with them): its version as served is the best left.
                log.error("Group {} with steps {} cannot be resolved: {}", key, dossier.stepVersions(), problems);
                return new ResolvedGroup(now.released().get(key), served);
            }
            return new ResolvedGroup(group.get(), List.copyOf(steps));
        });
    }

    /** The definition of this version as served now (a group's own dossier: {@link #of}). */
    public ProcedureDefinition get(String code, int version) {
        ProcedureDefinition definition = snapshot.get().released().get(key(code, version));
        if (definition == null && store.generation() != generation()) {
            refresh(); // published by another instance since the last poll
            definition = snapshot.get().released().get(key(code, version));
        }
        if (definition == null) {
            throw new IllegalStateException("no definition " + code + " version " + version);
        }
        return definition;
    }
}
