package vn.gov.portal.dossier;

import java.time.Clock;
import java.time.LocalDateTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.IntStream;
import org.springframework.stereotype.Component;
import vn.gov.portal.agency.Agency;
import vn.gov.portal.audit.AuditLog;
import vn.gov.portal.catalog.GroupWorkflow;
import vn.gov.portal.catalog.ProcedureCatalog;
import vn.gov.portal.catalog.ProcedureDefinition;
import vn.gov.portal.catalog.WorkflowDefinition;
import vn.gov.portal.population.PrefillSources;
import vn.gov.portal.population.IdNumber;

/**
 * Interconnected groups (Decree 63/2024): the citizen files once; each step is a dossier of its own agency, filed
 * by the portal when the step before it is done, with the answers it needs from the earlier steps (the newborn's ID
 * number). It says what should happen next; {@link Decisions} makes it happen, so that every state change still
 * goes through one place.
 */
@Component
class GroupSteps {

    /** What a step's end means for the group: a step to start, and the group's own event to fire. */
    record Next(Optional<UUID> startedStep, Optional<String> groupEvent) {}

    /** Statuses that end a step without its result: the whole group stops, unless the step was optional. */
    private static final Set<Integer> FAILED = Set.of(3, 7, 8);

    private final DossierRepository dossiers;
    private final ProcedureCatalog catalog;
    private final PrefillSources prefill;
    private final Routing routing;
    private final Appointments appointments;
    private final AuditLog audit;
    private final Clock clock;

    GroupSteps(DossierRepository dossiers, ProcedureCatalog catalog, PrefillSources prefill, Routing routing,
               Appointments appointments, AuditLog audit, Clock clock) {
        this.dossiers = dossiers;
        this.catalog = catalog;
        this.prefill = prefill;
        this.routing = routing;
        this.appointments = appointments;
        this.audit = audit;
        this.clock = clock;
    }

    /**
     * Starts the first step of a group the citizen just submitted, and keeps the step versions it is filed with: the
     * first step's is the form the citizen answered, and a later step is filed under its version of today however
     * long the steps before it take (ProcedureCatalog.of).
     */
    UUID start(Dossier group) {
        ProcedureDefinition definition = catalog.get(group.procedureCode(), group.procedureVersion());
        List<ProcedureDefinition> steps = IntStream.range(0, definition.steps().size())
                .mapToObj(i -> catalog.step(definition, i)).toList();
        dossiers.markGroup(group.id(), steps.stream().map(ProcedureDefinition::version).toList());
        return fileStep(group, definition, steps.get(0), 0, group.answers(), group.agencyId())
                .orElseThrow(() -> new IllegalStateException("the first step of " + group.procedureCode() + " has no agency"));
    }

    /**
     * After a step's result came to exist (its {@code hasResult} state: the next agency works from the electronic
     * result, not from the paper handed to the citizen) or the step ended without one: start the next one the citizen
     * asked for (a step whose {@code when} the group's answers do not meet is not filed), or finish or stop the group.
     */
    Next stepEnded(Dossier step, int endStatus) {
        Dossier group = dossiers.findForUpdate(step.parentId()).orElseThrow();
        ProcedureDefinition definition = catalog.of(group);
        boolean optional = definition.steps().get(step.stepIndex() - 1).optional();
        // An optional step is a claim no later step builds on: its refusal leaves the earlier steps' results standing.
        if (FAILED.contains(endStatus) && !optional) {
            return new Next(Optional.empty(), Optional.of(GroupWorkflow.STOP));
        }
        int next = step.stepIndex();   // step indexes are 1-based, list positions 0-based
        while (next < definition.steps().size() && !definition.steps().get(next).filedFor(group.answers())) {
            audit.record("portal", "group.step-not-claimed", "dossier", group.id().toString(), Map.of(
                    "receiptCode", group.receiptCode(), "procedure", definition.steps().get(next).procedure()));
            next++;
        }
        if (next >= definition.steps().size()) {
            return new Next(Optional.empty(), Optional.of(GroupWorkflow.FINISH));
        }
        Map<String, String> known = new LinkedHashMap<>(group.answers());
        dossiers.steps(group.id()).forEach(done -> known.putAll(done.answers()));
        Optional<UUID> started = fileStep(group, definition, catalog.step(group, next), next, known, null);
        if (started.isEmpty()) {
            return new Next(Optional.empty(), Optional.of(GroupWorkflow.STOP));
        }
        String event = group.state().equals("submitted") ? GroupWorkflow.ADVANCE : null;
        return new Next(started, Optional.ofNullable(event));
    }

    /** Files step {@code index} under {@code procedure}, the step's version the group's dossier was filed with. */
    private Optional<UUID> fileStep(Dossier group, ProcedureDefinition definition, ProcedureDefinition procedure,
                                    int index, Map<String, String> known, Long agencyOfFirst) {
        ProcedureDefinition.Step step = definition.steps().get(index);
        // Each agency sees only what its own form asks for: the group's answers go no further than needed.
        Map<String, String> answers = new LinkedHashMap<>();
        procedure.sections().forEach(section -> section.fields().forEach(field -> section.answerIds(field)
                .forEach(id -> answers.put(id, known.getOrDefault(id, "")))));
        step.inputs().forEach((field, from) -> answers.put(field, known.getOrDefault(from, "")));
        Optional<Long> agency = Optional.ofNullable(agencyOfFirst).or(() -> prefill
                .subject(new IdNumber(group.applicantIdNumber()))
                .flatMap(subject -> routing.agencyFor(procedure, answers, subject)).map(Agency::id));
        if (agency.isEmpty()) {
            return Optional.empty();
        }
        UUID id = DossierIds.next();
        WorkflowDefinition workflow = procedure.workflow();
        LocalDateTime now = LocalDateTime.now(clock);
        String receipt = group.receiptCode() + "-" + (index + 1);
        dossiers.insertStep(id, group.id(), index + 1, procedure.code(), procedure.version(), group.applicantIdNumber(),
                group.applicantName(), agency.get(), workflow.initial(), workflow.statusOf(workflow.initial()), receipt,
                clock.instant(), appointments.due(procedure.deadline(), now), answers, group.prefilled(),
                procedure.awaitsOthersBeforeReceipt(workflow.initial()) ? null : clock.instant());
        dossiers.addEvent(id, "portal", "SYSTEM", "submit", Dossier.DRAFT, workflow.initial(),
                workflow.statusOf(workflow.initial()), null);
        audit.record("portal", "dossier.submitted", "dossier", id.toString(), Map.of("receiptCode", receipt,
                "procedure", procedure.code(), "group", group.receiptCode(), "from", Dossier.DRAFT,
                "to", workflow.initial()));
        return Optional.of(id);
    }
}
