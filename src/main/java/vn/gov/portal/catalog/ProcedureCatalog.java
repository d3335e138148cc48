package vn.gov.portal.catalog;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;
import org.springframework.stereotype.Component;
import vn.gov.portal.population.RegisterGuard;
import vn.gov.portal.population.WriteBackHandler;

/**
 * The procedures the portal offers, read from the definition files at start. Any broken file stops the start with
 * its name, line and problem: a procedure must never go missing silently.
 */
@Component
public class ProcedureCatalog {

    private static final Logger log = LoggerFactory.getLogger(ProcedureCatalog.class);

    private final Map<String, ProcedureDefinition> byCode;

    public ProcedureCatalog(@Value("${portal.workflows.location:classpath:workflows/}") String location,
                            List<WriteBackHandler> writeBacks, List<RegisterGuard> guards) {
        DefinitionParser parser = new DefinitionParser(
                writeBacks.stream().map(WriteBackHandler::name).collect(Collectors.toSet()),
                guards.stream().map(RegisterGuard::name).collect(Collectors.toSet()));
        this.byCode = load(parser, DefinitionValidator.rules(writeBacks, guards), location);
        log.info("Loaded {} procedure definition(s) from {}: {}", byCode.size(), location, byCode.keySet());
    }

    static Map<String, ProcedureDefinition> load(DefinitionParser parser, DefinitionRules rules, String location) {
        List<DefinitionProblem> problems = new ArrayList<>();
        Map<String, ProcedureDefinition> loaded = new LinkedHashMap<>();
        Map<String, String> texts = new LinkedHashMap<>();
        for (Resource file : files(location)) {
            String text = texts.computeIfAbsent(file.getFilename(), name -> read(file));
            DefinitionParser.Result result = parser.parse(file.getFilename(), text);
            problems.addAll(result.problems());
            if (result.ok()) {
                ProcedureDefinition previous = loaded.putIfAbsent(result.definition().code(), result.definition());
                if (previous != null) {
                    problems.add(new DefinitionProblem(file.getFilename(), 0, "code '" + previous.code()
                            + "' is already used by " + previous.source()));
                }
            }
        }
        resolveGroups(loaded, problems);
        // Whole-definition rules once every file is read (group steps name other files); staff are checked by the editor.
        loaded.values().forEach(d -> problems.addAll(rules.problems(d, DefinitionLines.of(texts.get(d.source())),
                code -> Optional.ofNullable(loaded.get(code)), DefinitionRules.StaffedRoles.UNCHECKED)));
        if (loaded.isEmpty() && problems.isEmpty()) {
            problems.add(new DefinitionProblem(location, 0, "no procedure definitions (*.yaml) found"));
        }
        if (!problems.isEmpty()) {
            throw new InvalidDefinitionException(problems);
        }
        return loaded;
    }

    /** A group's steps must be loaded procedures, not groups; the group is filed with its first step's form. */
    private static void resolveGroups(Map<String, ProcedureDefinition> loaded, List<DefinitionProblem> problems) {
        for (ProcedureDefinition group : List.copyOf(loaded.values())) {
            if (!group.isGroup()) {
                continue;
            }
            boolean ok = true;
            for (ProcedureDefinition.Step step : group.steps()) {
                ProcedureDefinition procedure = loaded.get(step.procedure());
                if (procedure == null || procedure.isGroup()) {
                    problems.add(new DefinitionProblem(group.source(), 0, "step '" + step.procedure()
                            + "' is not a procedure defined in another file"));
                    ok = false;
                }
            }
            if (ok) {
                loaded.put(group.code(), group.filedAs(loaded.get(group.steps().get(0).procedure())));
            }
        }
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

    public List<ProcedureDefinition> all() {
        return List.copyOf(byCode.values());
    }

    /**
     * "code:state" of every state in which some officer has a decision to take: the queue shows these, not dossiers
     * waiting for the citizen, the other party or a payment.
     */
    public java.util.Set<String> officerStates() {
        java.util.Set<String> states = new java.util.HashSet<>();
        byCode.values().forEach(d -> d.workflow().transitions().stream().filter(WorkflowDefinition.Transition::byOfficer)
                .forEach(t -> t.from().forEach(from -> states.add(d.code() + ":" + from))));
        return states;
    }

    public Optional<ProcedureDefinition> find(String code) {
        return Optional.ofNullable(byCode.get(code));
    }

    /** The definition a dossier was filed under. Versions arrive with the procedure editor; until then one per code. */
    public ProcedureDefinition get(String code, int version) {
        ProcedureDefinition definition = byCode.get(code);
        if (definition == null || definition.version() != version) {
            throw new IllegalStateException("no definition " + code + " version " + version);
        }
        return definition;
    }
}
