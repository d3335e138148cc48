package vn.gov.portal.catalog;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import vn.gov.portal.catalog.FormField.FieldType;
import vn.gov.portal.catalog.WorkflowDefinition.State;
import vn.gov.portal.catalog.WorkflowDefinition.Transition;
import vn.gov.portal.population.RegisterGuard;

/**
 * The checks on a whole parsed definition that the parser's structural checks leave out: the workflow as a graph
 * (every state reachable from the initial one, every open state able to end), closing status codes, officer roles
 * someone actually holds, and the answers that guards, write-backs and group steps refer to. Pure: what it needs to
 * know about the rest of the portal is given to it.
 */
public final class DefinitionRules {

    /** National status codes that close a dossier; 9 (resolved) only where nothing follows. */
    static final Set<Integer> CLOSING = Set.of(3, 7, 8, 10);
    static final int RESOLVED = 9;

    /** Which officer roles active staff hold in the agencies of a kind. */
    @FunctionalInterface
    public interface StaffedRoles {
        /** Staff are data admins keep up through the running portal, so the start does not wait for them. */
        StaffedRoles UNCHECKED = kind -> null;

        /** The roles held in some agency of this kind, or null when not known (the rule is then skipped). */
        Set<String> heldIn(String agencyKind);
    }

    private final Map<String, Set<String>> guardReads;
    private final Map<String, Set<String>> writeBackOutputs;

    /**
     * @param guardReads       per guard name, the answers it reads ({@link RegisterGuard#reads()})
     * @param writeBackOutputs per write-back handler name, the answers it adds for later group steps
     */
    public DefinitionRules(Map<String, Set<String>> guardReads, Map<String, Set<String>> writeBackOutputs) {
        this.guardReads = Map.copyOf(guardReads);
        this.writeBackOutputs = Map.copyOf(writeBackOutputs);
    }

    /**
     * Every problem of the definition, each with its line when {@code lines} knows it.
     *
     * @param procedures the other definitions by code, for the steps of an interconnected group
     */
    public List<DefinitionProblem> problems(ProcedureDefinition d, DefinitionLines lines,
                                            Function<String, Optional<ProcedureDefinition>> procedures,
                                            StaffedRoles staffed) {
        Found found = new Found(d.source(), lines);
        if (d.isGroup()) {
            checkSteps(d, procedures, found);
            return found.list;
        }
        checkGraph(d.workflow(), found);
        checkStatuses(d.workflow(), found);
        checkResult(d.workflow(), found);
        checkStaff(d, staffed, found);
        checkGuards(d, found);
        checkWriteBack(d, found);
        checkFeeCollection(d, found);
        checkFeeWaivers(d, found);
        checkConfirmedAmount(d, found);
        checkDates(d, found);
        return found.list;
    }

    /** Collects problems of one file. */
    private static final class Found {
        final String source;
        final DefinitionLines lines;
        final List<DefinitionProblem> list = new ArrayList<>();

        Found(String source, DefinitionLines lines) {
            this.source = source;
            this.lines = lines;
        }

        /** A problem on {@code line}, its text {@code definition.problem.<key>} of the message bundles. */
        void add(int line, String key, Object... args) {
            list.add(DefinitionProblem.of(source, line, key, args));
        }
    }

    private static void checkGraph(WorkflowDefinition w, Found found) {
        Set<String> targeted = new HashSet<>();
        w.transitions().forEach(t -> targeted.add(t.to()));
        Set<String> reachable = reach(Set.of(w.initial()), s -> w.transitionsFrom(s).stream().map(Transition::to).toList());
        List<State> states = w.states();
        for (int i = 0; i < states.size(); i++) {
            String id = states.get(i).id();
            // A state no transition names at all is the parser's problem; here: only from states nobody reaches.
            if (!reachable.contains(id) && targeted.contains(id)) {
                found.add(found.lines.state(i), "stateUnreachable", id, w.initial());
            }
        }
        Set<String> terminals = new HashSet<>();
        states.stream().filter(State::terminal).forEach(s -> terminals.add(s.id()));
        if (terminals.isEmpty()) {
            found.add(found.lines.workflow(), "noTerminal");
            return;
        }
        Set<String> canEnd = reach(terminals, s -> w.transitions().stream().filter(t -> t.to().equals(s))
                .flatMap(t -> t.from().stream()).toList());
        for (int i = 0; i < states.size(); i++) {
            State state = states.get(i);
            if (!state.terminal() && !canEnd.contains(state.id())) {
                found.add(found.lines.state(i), "noPathToEnd", state.id());
            }
        }
    }

    /** The states reachable from {@code start} by following {@code next}. */
    private static Set<String> reach(Set<String> start, Function<String, List<String>> next) {
        Set<String> seen = new HashSet<>(start);
        Deque<String> pending = new ArrayDeque<>(start);
        while (!pending.isEmpty()) {
            for (String n : next.apply(pending.pop())) {
                if (seen.add(n)) {
                    pending.push(n);
                }
            }
        }
        return seen;
    }

    private static void checkStatuses(WorkflowDefinition w, Found found) {
        for (int i = 0; i < w.states().size(); i++) {
            State state = w.states().get(i);
            boolean nothingFollows = w.transitionsFrom(state.id()).isEmpty();
            boolean closing = CLOSING.contains(state.status()) || (state.status() == RESOLVED && nothingFollows);
            if (state.terminal() && !closing) {
                found.add(found.lines.state(i), "terminalStatus", state.id(), state.status());
            }
        }
    }

    /**
     * A state with the result is one of a decided dossier (9, or 10 when handed over), and a result once there is not
     * undone: an interconnected group's next step has started from it, so no path leads on to a refusal or stop.
     */
    private static void checkResult(WorkflowDefinition w, Found found) {
        Set<String> withResult = w.withResult();
        for (int i = 0; i < w.states().size(); i++) {
            State state = w.states().get(i);
            if (state.hasResult() && state.status() != RESOLVED && state.status() != 10) {
                found.add(found.lines.state(i), "resultStatus", state.id(), state.status());
            } else if (withResult.contains(state.id()) && state.status() != RESOLVED && state.status() != 10) {
                found.add(found.lines.state(i), "resultUndone", state.id(), state.status());
            }
        }
    }

    private static void checkStaff(ProcedureDefinition d, StaffedRoles staffed, Found found) {
        String kind = d.routing() == null ? null : d.routing().agencyKind();
        Set<String> held = kind == null ? null : staffed.heldIn(kind);
        if (held == null) {
            return;
        }
        List<Transition> transitions = d.workflow().transitions();
        Set<String> reported = new HashSet<>();
        for (int i = 0; i < transitions.size(); i++) {
            Transition t = transitions.get(i);
            for (String role : new TreeSet<>(t.roles())) {
                if (WorkflowDefinition.OFFICER_ROLES.contains(role) && !held.contains(role) && reported.add(role)) {
                    found.add(found.lines.transition(i), "roleUnstaffed", role, t.event(), kind);
                }
            }
        }
    }

    private void checkGuards(ProcedureDefinition d, Found found) {
        List<Transition> transitions = d.workflow().transitions();
        for (int i = 0; i < transitions.size(); i++) {
            Transition t = transitions.get(i);
            for (String guard : t.guards()) {
                for (String field : new TreeSet<>(guardReads.getOrDefault(guard, Set.of()))) {
                    if (RegisterGuard.PARTY_FIELD.equals(field)) {
                        if (d.workflow().party() == null) {
                            found.add(found.lines.transition(i), "guardNoParty", guard, t.event());
                        }
                    } else if (d.field(field).isEmpty()) {
                        found.add(found.lines.transition(i), "guardFieldMissing", guard, t.event(), field);
                    }
                }
            }
        }
    }

    /**
     * Where the fee is paid, seen from the workflow: never after the result (no state of status 9 or 10 is reached
     * before the payment); before intake, no officer acts on an unpaid dossier; after intake, the payment step comes
     * after some officer's action.
     */
    private static void checkFeeCollection(ProcedureDefinition d, Found found) {
        ProcedureDefinition.Collection collection = d.fees() == null ? ProcedureDefinition.Collection.NONE
                : d.fees().collection();
        if (collection == ProcedureDefinition.Collection.NONE) {
            return;
        }
        WorkflowDefinition w = d.workflow();
        int line = found.lines.key("fees");
        Set<String> unpaid = reach(Set.of(w.initial()), s -> w.transitionsFrom(s).stream()
                .filter(t -> !t.settlesFee()).map(Transition::to).toList());
        w.states().stream().filter(s -> unpaid.contains(s.id()) && (s.status() == RESOLVED || s.status() == 10))
                .forEach(s -> found.add(line, "feeAfterResult", collection.id(), s.id()));
        if (collection == ProcedureDefinition.Collection.BEFORE_INTAKE) {
            w.transitions().stream().filter(t -> t.byOfficer() && t.from().stream().anyMatch(unpaid::contains))
                    .forEach(t -> found.add(line, "feeBeforeIntakeOfficer", t.event()));
        } else {
            Set<String> beforeOfficers = reach(Set.of(w.initial()), s -> w.transitionsFrom(s).stream()
                    .filter(t -> !t.settlesFee() && !t.byOfficer()).map(Transition::to).toList());
            w.transitions().stream().filter(t -> t.payment() && t.from().stream().anyMatch(beforeOfficers::contains))
                    .forEach(t -> found.add(line, "feeAfterIntakeTooEarly", t.event()));
        }
    }

    /**
     * A fee that is not always due: exemption grounds and {@code fees.due} need a fee the portal collects, an
     * automatic step guarded by {@value WorkflowDefinition#NO_FEE_DUE} out of the state awaiting it (else a dossier
     * owing nothing would wait for ever), and a ground's document among the documents. Grounds need a way back: the
     * receiver who finds a ground not proved sends the dossier, with a note, from where the skip leads back to pay.
     */
    private static void checkFeeWaivers(ProcedureDefinition d, Found found) {
        WorkflowDefinition w = d.workflow();
        int line = found.lines.key("fees");
        List<Transition> skips = w.transitions().stream().filter(t -> t.guards().contains(WorkflowDefinition.NO_FEE_DUE))
                .toList();
        skips.stream().filter(t -> !t.automatic() || t.from().stream().noneMatch(w::awaitsFee))
                .forEach(t -> found.add(found.lines.transition(w.transitions().indexOf(t)), "noFeeDueGuardPlace",
                        t.event(), WorkflowDefinition.NO_FEE_DUE));
        ProcedureDefinition.Fees fees = d.fees();
        if (fees == null || (fees.exemptions().isEmpty() && fees.due() == null)) {
            return;
        }
        if (!fees.collected()) {
            found.add(line, "feeWaiverNoFee");
            return;
        }
        // The receiver's way back is told apart from an ordinary request to pay by the fee coming before intake.
        if (!fees.exemptions().isEmpty() && fees.collection() != ProcedureDefinition.Collection.BEFORE_INTAKE) {
            found.add(line, "exemptionAfterIntake");
        }
        Set<String> seen = new HashSet<>();
        for (ProcedureDefinition.Exemption e : fees.exemptions()) {
            if (!seen.add(e.id())) {
                found.add(line, "exemptionDuplicate", e.id());
            }
            if (e.document() != null && d.documents().stream().noneMatch(doc -> doc.id().equals(e.document()))) {
                found.add(line, "exemptionDocument", e.id(), e.document());
            }
        }
        ProcedureDefinition.DueWhenLate due = fees.due();
        if (due != null && (d.field(due.date()).filter(f -> f.type() == FieldType.DATE && f.required()).isEmpty()
                || d.sectionOf(due.date()).filter(s -> s.repeat() > 1 || s.when() != null).isPresent())) {
            found.add(line, "feeDueField", due.date());
        }
        List<Transition> skipping = skips.stream().filter(Transition::settlesFee)
                .filter(t -> t.from().stream().anyMatch(w::awaitsFee)).toList();
        if (skipping.isEmpty()) {
            found.add(line, "feeWaiverNoSkip", WorkflowDefinition.NO_FEE_DUE);
            return;
        }
        Set<String> afterSkip = new HashSet<>();
        skipping.forEach(t -> afterSkip.add(t.to()));
        boolean wayBack = w.transitions().stream().anyMatch(t -> t.roles().contains("RECEIVER") && t.requiresNote()
                && w.awaitsFee(t.to()) && t.from().stream().anyMatch(afterSkip::contains));
        if (!fees.exemptions().isEmpty() && !wayBack) {
            found.add(line, "exemptionNoWayBack", String.join(", ", new TreeSet<>(afterSkip)));
        }
    }

    /**
     * The amount the applicant types ({@value ProcedureDefinition#AMOUNT_FIELD}: what they believe they owe) is never
     * charged as typed: every way from the initial state to a payment transition passes an officer's {@code setsAmount}
     * transition, which confirms the amount due.
     */
    private static void checkConfirmedAmount(ProcedureDefinition d, Found found) {
        if (d.field(ProcedureDefinition.AMOUNT_FIELD).filter(f -> f.type() == FieldType.NUMBER).isEmpty()) {
            return;
        }
        WorkflowDefinition w = d.workflow();
        Set<String> unconfirmed = reach(Set.of(w.initial()), s -> w.transitionsFrom(s).stream()
                .filter(t -> !t.setsAmount()).map(Transition::to).toList());
        List<Transition> transitions = w.transitions();
        for (int i = 0; i < transitions.size(); i++) {
            Transition t = transitions.get(i);
            if (t.payment() && t.from().stream().anyMatch(unconfirmed::contains)) {
                found.add(found.lines.transition(i), "paymentAmountUnconfirmed", t.event(),
                        ProcedureDefinition.AMOUNT_FIELD);
            }
        }
    }

    private static void checkWriteBack(ProcedureDefinition d, Found found) {
        String personField = d.writeBack() == null ? null : d.writeBack().params().get("personField");
        if (personField != null && d.field(personField).filter(f -> f.type() == FieldType.PERSON).isEmpty()) {
            found.add(found.lines.key("writeBack"), "writeBackPersonField", personField);
        }
    }

    /**
     * The dates other rules read: a filing time is due on a date every dossier has (a required date field of a section
     * that is neither repeated nor conditional), moved to the next day by a checkbox of one answer, and a birth is that
     * of people picked in a person field.
     */
    private static void checkDates(ProcedureDefinition d, Found found) {
        ProcedureDefinition.FilingDue due = d.filingDue();
        if (due != null && (d.field(due.dateField()).filter(f -> f.type() == FieldType.DATE && f.required()).isEmpty()
                || d.sectionOf(due.dateField()).filter(s -> s.repeat() > 1 || s.when() != null).isPresent())) {
            found.add(found.lines.key("filingDue"), "filingDueField", due.dateField());
        }
        if (due != null && due.nextDayField() != null
                && (d.field(due.nextDayField()).filter(f -> f.type() == FieldType.CHECKBOX).isEmpty()
                || d.sectionOf(due.nextDayField()).filter(s -> s.repeat() > 1).isPresent())) {
            found.add(found.lines.key("filingDue"), "filingDueNextDay", due.nextDayField());
        }
        d.fields().filter(f -> f.notBeforeBirthOf() != null)
                .filter(f -> d.field(f.notBeforeBirthOf()).filter(p -> p.type() == FieldType.PERSON).isEmpty())
                .forEach(f -> found.add(found.lines.field(f.id()), "notBeforeBirthOfField", f.id(), f.notBeforeBirthOf()));
        // A person typed by number may be anyone: refusing dates before their birth would tell the filer, try by
        // try, a stranger's date of birth, which the register only shows to the filer for people of their own.
        d.fields().filter(f -> f.notBeforeBirthOf() != null)
                .filter(f -> d.field(f.notBeforeBirthOf()).filter(FormField::typedPerson).isPresent())
                .forEach(f -> found.add(found.lines.field(f.id()), "notBeforeBirthOfTyped", f.id(), f.notBeforeBirthOf()));
        // Likewise a section shown or hidden by a typed person's age: the form would tell the filer a stranger's age
        // (whether a child, whether 60 yet) from nothing but their number.
        d.sections().stream().filter(s -> s.when() != null && s.when().byAge())
                .filter(s -> d.field(s.when().field()).filter(FormField::typedPerson).isPresent())
                .forEach(s -> found.add(found.lines.section(s.id()), "whenAgeTyped", s.id(), s.when().field()));
    }

    /**
     * A step's inputs fill its own fields from answers the group already has: the form (the first step's and the
     * group's own questions), earlier steps' fields, and what earlier steps' write-backs added — not those of an
     * optional step, which may never be filed.
     */
    private void checkSteps(ProcedureDefinition group, Function<String, Optional<ProcedureDefinition>> procedures,
                            Found found) {
        Set<String> known = new HashSet<>();
        group.fields().forEach(f -> known.add(f.id()));
        Map<String, String> fromOptional = new java.util.HashMap<>();
        for (int i = 0; i < group.steps().size(); i++) {
            ProcedureDefinition.Step step = group.steps().get(i);
            Optional<ProcedureDefinition> procedure = procedures.apply(step.procedure()).filter(p -> !p.isGroup());
            if (procedure.isEmpty()) {
                continue;   // the catalog reports steps that are not procedures
            }
            for (Map.Entry<String, String> input : new java.util.TreeMap<>(step.inputs()).entrySet()) {
                if (procedure.get().field(input.getKey()).isEmpty()) {
                    found.add(found.lines.step(i), "stepNoField", step.procedure(), input.getKey());
                }
                if (fromOptional.containsKey(input.getValue())) {
                    found.add(found.lines.step(i), "stepInputOptional", input.getKey(), step.procedure(),
                            input.getValue(), fromOptional.get(input.getValue()));
                } else if (!known.contains(input.getValue())) {
                    found.add(found.lines.step(i), "stepInputUnknown", input.getKey(), step.procedure(), input.getValue());
                }
            }
            Set<String> gives = new HashSet<>();
            procedure.get().fields().forEach(f -> gives.add(f.id()));
            Optional.ofNullable(procedure.get().writeBack())
                    .map(w -> writeBackOutputs.getOrDefault(w.handler(), Set.of())).ifPresent(gives::addAll);
            if (step.optional()) {
                gives.stream().filter(id -> !known.contains(id)).forEach(id -> fromOptional.putIfAbsent(id, step.procedure()));
            } else {
                known.addAll(gives);
                gives.forEach(fromOptional::remove);
            }
        }
    }
}
