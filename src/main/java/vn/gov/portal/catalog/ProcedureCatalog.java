package vn.gov.portal.catalog;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
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

    /** What the catalog serves between two reloads; replaced whole, never changed. */
    private record Snapshot(long generation, Map<String, ProcedureDefinition> latest,
                            Map<String, ProcedureDefinition> released, Set<String> officerStates) {}

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
        Map<String, ProcedureDefinition> raw = new TreeMap<>();
        Map<String, ProcedureDefinition> rawLatest = new TreeMap<>();
        for (StoredVersion row : store.released()) {
            DefinitionParser.Result result = parsed.computeIfAbsent(key(row.code(), row.version()),
                    k -> check.parser().parse(row.code() + ".yaml (v" + row.version() + ")", row.source()));
            if (!result.ok()) {
                log.error("Stored procedure {} version {} no longer passes the checks and is not served: {}", row.code(),
                        row.version(), result.problems());
                continue;
            }
            raw.put(key(row.code(), row.version()), result.definition());
            if (row.isPublished()) {
                rawLatest.put(row.code(), result.definition());
            }
        }
        Map<String, ProcedureDefinition> latest = new LinkedHashMap<>();
        Map<String, ProcedureDefinition> released = new HashMap<>();
        raw.forEach((key, definition) -> resolve(definition, rawLatest).ifPresent(d -> released.put(key, d)));
        rawLatest.forEach((code, definition) -> resolve(definition, rawLatest).ifPresent(d -> latest.put(code, d)));
        Set<String> officerStates = new HashSet<>();
        released.values().forEach(d -> d.workflow().transitions().stream().filter(WorkflowDefinition.Transition::byOfficer)
                .forEach(t -> t.from().forEach(from -> officerStates.add(d.code() + ":" + from))));
        Snapshot read = new Snapshot(generation, Collections.unmodifiableMap(latest), Map.copyOf(released),
                Set.copyOf(officerStates));
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

    private static Optional<ProcedureDefinition> resolve(ProcedureDefinition definition,
                                                         Map<String, ProcedureDefinition> latest) {
        if (!definition.isGroup()) {
            return Optional.of(definition);
        }
        List<DefinitionProblem> problems = new ArrayList<>();
        Optional<ProcedureDefinition> group = DefinitionCheck.resolveGroup(definition,
                code -> Optional.ofNullable(latest.get(code)), problems);
        if (group.isEmpty()) {
            log.error("Group {} version {} is not served: {}", definition.code(), definition.version(), problems);
        }
        return group;
    }

    private static String key(String code, int version) {
        return code + ":" + version;
    }

    /** Every problem of a text meant to be a version of a procedure (see {@link DefinitionCheck}). */
    public DefinitionCheck.Review review(String code, int version, String yaml) {
        return check.review(code, version, yaml, this::find);
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

    /** The definition a dossier was filed under, whichever version it is. */
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
