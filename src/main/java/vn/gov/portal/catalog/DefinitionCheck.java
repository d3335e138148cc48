package vn.gov.portal.catalog;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;
import vn.gov.portal.agency.AgencyDirectory;
import vn.gov.portal.population.RegisterGuard;
import vn.gov.portal.population.WriteBackHandler;

/**
 * What problems a definition text has: the one place saving and publishing ask. The parser's checks (format,
 * references, workflow), the group's steps, then the whole-definition rules ({@link DefinitionRules}: reachable states,
 * a way to an end, closing statuses, fields read by guards and steps, roles held by staff of the routed agency), so
 * that a text with any problem is never published.
 */
@Component
public class DefinitionCheck {

    private final DefinitionParser parser;
    private final DefinitionRules rules;
    private final DefinitionRules.StaffedRoles staffedRoles;

    @Autowired
    public DefinitionCheck(List<WriteBackHandler> writeBacks, List<RegisterGuard> guards, AgencyDirectory agencies) {
        this(new DefinitionParser(writeBacks.stream().map(WriteBackHandler::name).collect(Collectors.toSet()),
                java.util.stream.Stream.concat(guards.stream().map(RegisterGuard::name),
                        java.util.stream.Stream.of(WorkflowDefinition.NO_FEE_DUE)).collect(Collectors.toSet())),
                DefinitionValidator.rules(writeBacks, guards), agencies::rolesHeldIn);
    }

    public DefinitionCheck(DefinitionParser parser, DefinitionRules rules, DefinitionRules.StaffedRoles staffedRoles) {
        this.parser = parser;
        this.rules = rules;
        this.staffedRoles = staffedRoles;
    }

    public DefinitionParser parser() {
        return parser;
    }

    /** A text and what is wrong with it; {@code definition} is present only when nothing is. */
    public record Review(ProcedureDefinition definition, List<DefinitionProblem> problems) {
        public boolean ok() {
            return problems.isEmpty();
        }
    }

    /**
     * Every problem of a text meant to be version {@code version} of {@code code}.
     *
     * @param published the published procedures, for the steps of an interconnected group
     */
    public Review review(String code, int version, String yaml, Function<String, Optional<ProcedureDefinition>> published) {
        String source = code + ".yaml (v" + version + ")";
        DefinitionParser.Result parsed = parser.parse(source, yaml);
        List<DefinitionProblem> problems = new ArrayList<>(parsed.problems());
        ProcedureDefinition definition = parsed.definition();
        if (definition != null && !definition.code().equals(code)) {
            problems.add(DefinitionProblem.of(source, 0, "codeChanged", definition.code(), code));
        }
        if (definition != null && definition.version() != version) {
            problems.add(DefinitionProblem.of(source, 0, "versionMismatch", definition.version(), version));
        }
        if (definition != null && definition.isGroup()) {
            definition = checkGroup(definition, DefinitionLines.of(yaml), published, problems).orElse(null);
        } else if (definition != null) {
            problems.addAll(rules.problems(definition, DefinitionLines.of(yaml), published, staffedRoles));
        }
        return new Review(problems.isEmpty() ? definition : null, List.copyOf(problems));
    }

    /**
     * What a group, as parsed, has against these versions of its steps (without lines): what publishing it checks
     * about them. Asked again of every published group when a new version of one of its steps is to be published.
     */
    public List<DefinitionProblem> groupProblems(ProcedureDefinition group,
                                                 Function<String, Optional<ProcedureDefinition>> steps) {
        List<DefinitionProblem> problems = new ArrayList<>();
        checkGroup(group, DefinitionLines.NONE, steps, problems);
        return problems;
    }

    private Optional<ProcedureDefinition> checkGroup(ProcedureDefinition group, DefinitionLines lines,
                                                     Function<String, Optional<ProcedureDefinition>> steps,
                                                     List<DefinitionProblem> problems) {
        Optional<ProcedureDefinition> resolved = resolveGroup(group, steps, problems);
        resolved.ifPresent(r -> problems.addAll(rules.problems(r, lines, steps, staffedRoles)));
        return resolved;
    }

    /**
     * A group's steps must be published procedures, not groups, and its own questions must not reuse the ids of the
     * first step's fields; the group is filed with the first step's form followed by its own questions.
     */
    static Optional<ProcedureDefinition> resolveGroup(ProcedureDefinition group,
                                                      Function<String, Optional<ProcedureDefinition>> published,
                                                      List<DefinitionProblem> problems) {
        boolean ok = true;
        for (ProcedureDefinition.Step step : group.steps()) {
            Optional<ProcedureDefinition> procedure = published.apply(step.procedure());
            if (procedure.isEmpty() || procedure.get().isGroup()) {
                problems.add(DefinitionProblem.of(group.source(), 0, "stepNotProcedure", step.procedure()));
                ok = false;
            }
        }
        if (!ok) {
            return Optional.empty();
        }
        ProcedureDefinition first = published.apply(group.steps().get(0).procedure()).orElseThrow();
        // The group's own questions are answers beside the first step's: one id may not mean two things.
        List<DefinitionProblem> clashes = group.fields().filter(f -> first.field(f.id()).isPresent())
                .map(f -> DefinitionProblem.of(group.source(), 0, "groupFieldTwice", f.id(), first.code())).toList();
        problems.addAll(clashes);
        return clashes.isEmpty() ? Optional.of(group.filedAs(first)) : Optional.empty();
    }
}
