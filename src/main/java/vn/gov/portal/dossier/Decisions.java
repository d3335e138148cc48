package vn.gov.portal.dossier;

import java.time.Clock;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.Period;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import vn.gov.portal.agency.Agency;
import vn.gov.portal.agency.AgencyDirectory;
import vn.gov.portal.audit.AuditLog;
import vn.gov.portal.catalog.ProcedureCatalog;
import vn.gov.portal.catalog.ProcedureDefinition;
import vn.gov.portal.catalog.WorkflowDefinition;
import vn.gov.portal.catalog.WorkflowDefinition.State;
import vn.gov.portal.catalog.WorkflowDefinition.Transition;
import vn.gov.portal.identity.PortalUser;
import vn.gov.portal.population.CompletedDossier;
import vn.gov.portal.population.IdNumber;
import vn.gov.portal.population.RegisterConflict;
import vn.gov.portal.population.RegisterGuard;
import vn.gov.portal.population.WriteBackHandler;
import vn.gov.portal.workflow.HolidayCalendarSource;
import vn.gov.portal.workflow.WorkflowEngine;

/**
 * Moves dossiers through their workflow. Each move is a transition of the procedure's definition, fired by someone
 * holding one of its roles — an officer in the dossier's agency, the citizen who filed or the other party, or the
 * portal itself for automatic steps — and commits together with its timeline entry, audit entry and write-back, or
 * not at all.
 */
@Service
public class Decisions {

    private static final int MAX_NOTE = 2000;
    /** Guards against a definition whose automatic transitions go round in a circle. */
    private static final int MAX_AUTOMATIC_STEPS = 10;

    private final DossierRepository dossiers;
    private final ProcedureCatalog catalog;
    private final AgencyDirectory agencies;
    private final WorkflowEngine engine;
    private final AuditLog audit;
    private final Map<String, WriteBackHandler> writeBacks;
    private final Map<String, RegisterGuard> guards;
    private final GroupSteps groups;
    private final Clock clock;
    private final HolidayCalendarSource calendars;
    private final Appointments appointments;
    private final ApplicationEventPublisher events;
    private final FeesDue feesDue;
    private final ActingLevel actingLevel;

    Decisions(DossierRepository dossiers, ProcedureCatalog catalog, AgencyDirectory agencies, WorkflowEngine engine,
              AuditLog audit, List<WriteBackHandler> writeBacks, List<RegisterGuard> guards, GroupSteps groups, Clock clock,
              HolidayCalendarSource calendars, Appointments appointments, ApplicationEventPublisher events,
              FeesDue feesDue, ActingLevel actingLevel) {
        this.actingLevel = actingLevel;
        this.feesDue = feesDue;
        this.events = events;
        this.appointments = appointments;
        this.calendars = calendars;
        this.groups = groups;
        this.clock = clock;
        this.guards = guards.stream().collect(Collectors.toMap(RegisterGuard::name, Function.identity()));
        this.dossiers = dossiers;
        this.catalog = catalog;
        this.agencies = agencies;
        this.engine = engine;
        this.audit = audit;
        this.writeBacks = writeBacks.stream().collect(Collectors.toMap(WriteBackHandler::name, Function.identity()));
    }

    /** An officer's decision; dossiers of agencies where they hold no role do not exist for them. */
    @Transactional
    public Dossier decide(PortalUser officer, UUID id, String event, String note, int expectedLockVersion) {
        return decide(officer, id, event, note, null, expectedLockVersion);
    }

    /**
     * An officer's decision. A request for supplementation says by when the citizen should answer
     * ({@code supplementDue}, a working day after today; when not given, {@value #SUPPLEMENT_WORKING_DAYS} working days).
     */
    @Transactional
    public Dossier decide(PortalUser officer, UUID id, String event, String note, LocalDate supplementDue,
                          int expectedLockVersion) {
        return decide(officer, id, event, note, supplementDue, null, expectedLockVersion);
    }

    /**
     * An officer's decision, with the amount due as typed when the transition confirms it ({@code setsAmount}: a
     * penalty decision checked in the agency's own system). The amount is kept with the dossier in the move's
     * transaction; the payment charges it and nothing else (Payments).
     */
    @Transactional
    public Dossier decide(PortalUser officer, UUID id, String event, String note, LocalDate supplementDue,
                          String amountDue, int expectedLockVersion) {
        Dossier dossier = dossiers.findForUpdate(id).filter(Dossier::handledByAgency)
                .orElseThrow(UserFacingException::notFound);
        Set<String> roles = agencies.rolesIn(officer.username(), dossier.agencyId());
        if (roles.isEmpty()) {
            throw UserFacingException.notFound();
        }
        refuseIfHeldByAnother(dossier, officer);
        WorkflowDefinition workflow = definitionOf(dossier).workflow();
        boolean asksSupplement = workflow.transition(dossier.state(), event)
                .map(t -> workflow.statusOf(t.to()) == 5).orElse(false);
        if (asksSupplement) {
            // Set before the move, so that the move's listeners (the citizen's notice) tell the date.
            dossiers.askSupplementBy(id, supplementDue(supplementDue));
        }
        // Only for whom the move is (else fire refuses it, with its own reason, before the amount matters).
        boolean setsAmount = workflow.transition(dossier.state(), event)
                .filter(t -> t.setsAmount() && t.allows(roles)).isPresent();
        if (setsAmount) {
            long amount = AmountDue.parse(amountDue);
            // Set before the move, as the supplement date: a refusal of the move rolls it back with everything else.
            dossiers.confirmAmountDue(id, amount);
            audit.record(officer.username(), "dossier.amount-confirmed", "dossier", id.toString(), Map.of(
                    "receiptCode", dossier.receiptCode(), "event", event, "amountVnd", amount,
                    "statedVnd", String.valueOf(dossier.statedAmountVnd())));
        }
        return fire(dossier, event, note, expectedLockVersion, new Actor(officer.username(), "STAFF", roles));
    }

    /** Working days a citizen has, unless the officer sets another date, to send what is asked for. */
    public static final int SUPPLEMENT_WORKING_DAYS = 10;

    /** The default answer-by date offered in the officer's form. */
    public LocalDate defaultSupplementDue() {
        return calendars.current().addWorkingDays(LocalDate.now(clock), SUPPLEMENT_WORKING_DAYS);
    }

    /**
     * How far ahead an officer may set an answer-by or appointment date. Beyond it a date is a typing slip, and past
     * PostgreSQL's last date (year 5,874,897) one the database cannot store.
     */
    static final Period FURTHEST_AHEAD = Period.ofYears(1);

    private boolean tooFarAhead(LocalDate date) {
        return date.isAfter(LocalDate.now(clock).plus(FURTHEST_AHEAD));
    }

    private LocalDate supplementDue(LocalDate requested) {
        if (requested == null) {
            return defaultSupplementDue();
        }
        if (!requested.isAfter(LocalDate.now(clock))) {
            throw UserFacingException.refused("supplement.dueNotLater").at("supplementDue");
        }
        if (tooFarAhead(requested)) {
            throw UserFacingException.refused("date.tooFarAhead", FURTHEST_AHEAD.getYears()).at("supplementDue");
        }
        if (!calendars.current().isWorkingDay(requested)) {
            throw UserFacingException.refused("extension.notWorkingDay").at("supplementDue");
        }
        return requested;
    }

    /**
     * A later appointment date, which the law allows only with a reason given to the citizen: the timeline records it
     * and the apology letter (form 04) carries it with the new date.
     */
    @Transactional
    public Dossier extendDeadline(PortalUser officer, UUID id, LocalDate newDate, String reason, int expectedLockVersion) {
        Dossier dossier = officerDossier(officer, id);
        refuseIfHeldByAnother(dossier, officer);
        String text = reason == null ? "" : reason.strip();
        if (text.isEmpty()) {
            throw UserFacingException.refused("extension.reasonRequired").at("reason");
        }
        if (text.length() > MAX_NOTE) {
            throw UserFacingException.refused("decision.noteTooLong", MAX_NOTE).at("reason");
        }
        if (newDate == null || dossier.appointmentDate() == null || !newDate.isAfter(dossier.appointmentDate())) {
            throw UserFacingException.refused("extension.notLater").at("newDate");
        }
        if (tooFarAhead(newDate)) {
            throw UserFacingException.refused("date.tooFarAhead", FURTHEST_AHEAD.getYears()).at("newDate");
        }
        if (!calendars.current().isWorkingDay(newDate)) {
            throw UserFacingException.refused("extension.notWorkingDay").at("newDate");
        }
        if (dossier.lockVersion() != expectedLockVersion
                || !dossiers.extendAppointment(id, expectedLockVersion, newDate)) {
            throw UserFacingException.refused("decision.concurrent");
        }
        groupFollows(dossier, newDate, officer.username());
        long eventId = dossiers.addEvent(id, officer.username(), "STAFF", "extend-deadline", dossier.state(),
                dossier.state(), dossier.statusCode(), text);
        audit.record(officer.username(), "dossier.deadline-extended", "dossier", id.toString(), Map.of(
                "receiptCode", dossier.receiptCode(), "from", String.valueOf(dossier.appointmentDate()),
                "to", newDate.toString()));
        events.publishEvent(new DeadlineExtended(dossier, eventId, newDate, text));
        return dossiers.find(id).orElseThrow();
    }

    /**
     * A note for the agency only: it stays in the officers' timeline and is never shown to the citizen. The same note
     * posted again from the same form ({@code formId}, made when the page was rendered) is not written again, nor
     * audited: the officer's double click or browser retry succeeds as the first post did. A post without the form's
     * id (a page rendered before it had one, a hand-made request) is refused: its retry could not be told apart.
     */
    @Transactional
    public void addInternalNote(PortalUser officer, UUID id, UUID formId, String note) {
        Dossier dossier = officerDossier(officer, id);
        if (formId == null) {
            throw UserFacingException.refused("note.formMissing");
        }
        String text = note == null ? "" : note.strip();
        if (text.isEmpty()) {
            throw UserFacingException.refused("note.empty").at("note");
        }
        if (text.length() > MAX_NOTE) {
            throw UserFacingException.refused("decision.noteTooLong", MAX_NOTE).at("note");
        }
        if (!dossiers.addInternalNote(id, formId, officer.username(), dossier.state(), text)) {
            return;
        }
        audit.record(officer.username(), "dossier.internal-note", "dossier", id.toString(),
                Map.of("receiptCode", dossier.receiptCode()));
    }

    /** The officer takes the dossier: from now on only they act on it until they decide or release it. */
    @Transactional
    public Dossier claim(PortalUser officer, UUID id, int expectedLockVersion) {
        Dossier dossier = officerDossier(officer, id);
        refuseIfHeldByAnother(dossier, officer);
        return reassign(officer, dossier, expectedLockVersion, officer.username(), "dossier.claimed");
    }

    /** The holder, or a leader of the agency, hands the dossier to a colleague of the same agency. */
    @Transactional
    public Dossier assign(PortalUser officer, UUID id, String colleague, int expectedLockVersion) {
        Dossier dossier = officerDossier(officer, id);
        boolean leader = agencies.rolesIn(officer.username(), dossier.agencyId()).contains("APPROVER");
        if (!leader && !officer.username().equals(dossier.assignee())) {
            throw UserFacingException.refused("assignment.notYours");
        }
        if (agencies.rolesIn(colleague, dossier.agencyId()).isEmpty()) {
            throw UserFacingException.refused("assignment.notColleague").at("colleague");
        }
        return reassign(officer, dossier, expectedLockVersion, colleague, "dossier.assigned");
    }

    /** The holder (or a leader) gives the dossier back to the agency's queue. */
    @Transactional
    public Dossier release(PortalUser officer, UUID id, int expectedLockVersion) {
        Dossier dossier = officerDossier(officer, id);
        boolean leader = agencies.rolesIn(officer.username(), dossier.agencyId()).contains("APPROVER");
        if (!leader && !officer.username().equals(dossier.assignee())) {
            throw UserFacingException.refused("assignment.notYours");
        }
        return reassign(officer, dossier, expectedLockVersion, null, "dossier.released");
    }

    /** A dossier an officer has claimed is theirs to decide, to extend and to pass on until they release it. */
    static void refuseIfHeldByAnother(Dossier dossier, PortalUser officer) {
        if (dossier.assignee() != null && !dossier.assignee().equals(officer.username())) {
            throw UserFacingException.refused("decision.assignedToOther", dossier.assignee());
        }
    }

    /**
     * An open dossier the agency has received, of an agency where the officer holds a role, locked for the caller's
     * transaction. One the agency has not received (awaiting its fee or the other party), and a group's own dossier,
     * do not exist for officers ({@link Dossier#handledByAgency}).
     */
    Dossier officerDossier(PortalUser officer, UUID id) {
        Dossier dossier = dossiers.findForUpdate(id).filter(Dossier::handledByAgency)
                .orElseThrow(UserFacingException::notFound);
        if (agencies.rolesIn(officer.username(), dossier.agencyId()).isEmpty()) {
            throw UserFacingException.notFound();
        }
        if (dossier.closedAt() != null) {
            throw UserFacingException.refused("assignment.closed");
        }
        return dossier;
    }

    private Dossier reassign(PortalUser officer, Dossier dossier, int expectedLockVersion, String assignee, String action) {
        if (dossier.lockVersion() != expectedLockVersion || !dossiers.assign(dossier.id(), expectedLockVersion, assignee)) {
            throw UserFacingException.refused("decision.concurrent");
        }
        audit.record(officer.username(), action, "dossier", dossier.id().toString(),
                assignee == null ? Map.of("receiptCode", dossier.receiptCode())
                        : Map.of("receiptCode", dossier.receiptCode(), "assignee", assignee));
        return dossiers.find(dossier.id()).orElseThrow();
    }

    /**
     * A citizen's step on a dossier they filed (APPLICANT) or must confirm (PARTY): withdraw, pay, confirm. A step whose
     * refusal ends the dossier ({@code whenRefused}) throws {@link DossierEnded} after the end is written, which then
     * commits: the citizen reads why, and the dossier no longer waits for a step that can never be taken.
     */
    @Transactional(noRollbackFor = DossierEnded.class)
    public Dossier act(PortalUser citizen, UUID id, String event, String note, int expectedLockVersion) {
        return act(citizen, id, event, note, expectedLockVersion, null);
    }

    /**
     * As {@link #act(PortalUser, UUID, String, String, int)}, the move's timeline entry keeping the key of the post
     * that made it ({@code formId}), by which a repeat of that post finds it (Supplementation).
     */
    @Transactional
    public Dossier act(PortalUser citizen, UUID id, String event, String note, int expectedLockVersion, UUID formId) {
        Dossier dossier = dossiers.findForUpdate(id).filter(d -> !d.isDraft()).orElseThrow(UserFacingException::notFound);
        Set<String> roles = dossier.citizenRoles(citizen.subject());
        if (roles.isEmpty()) {
            throw UserFacingException.notFound();
        }
        // The other party confirms "with their own e-ID login": at the level the procedure requires, as the filer.
        actingLevel.check(citizen, dossier);
        return fire(dossier, event, note, expectedLockVersion, new Actor(citizen.subject(), "CITIZEN", roles), formId,
                List.of());
    }

    /**
     * The payment gateway confirmed that the applicant paid: fires the dossier's {@code payment} transition from its
     * current state, on the applicant's behalf, in the caller's transaction (the one that records the payment).
     * Empty when the dossier no longer awaits payment: nothing is fired, and the caller records the money as unapplied.
     */
    @Transactional
    public Optional<Dossier> paid(UUID id, String paymentReference) {
        Dossier dossier = dossiers.findForUpdate(id).filter(d -> !d.isDraft()).orElseThrow(UserFacingException::notFound);
        ProcedureDefinition definition = definitionOf(dossier);
        return definition.workflow().transitionsFrom(dossier.state()).stream()
                .filter(Transition::payment).findFirst()
                .map(payment -> fire(dossier, payment.event(), paymentReference, dossier.lockVersion(), PAYMENT));
    }

    /**
     * People reconciling the gateway's statement found a held payment attempt unpaid: the dossier's timeline says so
     * (no state changes) and, while the dossier still awaits payment, the applicant is told they may pay again
     * ({@link PaymentFoundUnpaid}). In the caller's transaction, the one that closes the attempt.
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public void paymentFoundUnpaid(UUID id, String actor, String actorKind) {
        Dossier dossier = dossiers.findForUpdate(id).orElseThrow();
        long eventId = dossiers.addEvent(id, actor, actorKind, "payment-not-paid", dossier.state(), dossier.state(),
                dossier.statusCode(), null);
        boolean due = definitionOf(dossier).workflow().transitionsFrom(dossier.state()).stream()
                .anyMatch(Transition::payment);
        events.publishEvent(new PaymentFoundUnpaid(dossier, eventId, due));
    }

    /** Runs the automatic transitions from the dossier's state, one after another, in the caller's transaction. */
    @Transactional
    public Dossier runAutomatic(UUID id) {
        return runAutomatic(dossiers.findForUpdate(id).orElseThrow());
    }

    /** As {@link #runAutomatic(UUID)}, for a dossier this transaction has just written (and so holds locked). */
    @Transactional(propagation = Propagation.MANDATORY)
    public Dossier runAutomatic(Dossier dossier) {
        for (int step = 0; step < MAX_AUTOMATIC_STEPS; step++) {
            WorkflowDefinition workflow = definitionOf(dossier).workflow();
            var automatic = workflow.automaticFrom(dossier.state());
            // A guarded automatic step waits while its guard refuses (noFeeDue: the fee is due, so it is paid first).
            if (automatic.isEmpty() || !refusals(dossier, definitionOf(dossier), automatic.get()).isEmpty()) {
                return dossier;
            }
            dossier = fire(dossier, automatic.get().event(), "", dossier.lockVersion(), PORTAL);
        }
        throw new IllegalStateException("automatic transitions of " + dossier.procedureCode() + " do not stop");
    }

    /** The first step of a group the citizen just submitted goes to its agency. */
    @Transactional
    public void startGroup(UUID groupId) {
        UUID first = groups.start(dossiers.find(groupId).orElseThrow());
        runAutomatic(first);
    }

    private static final Actor PORTAL = new Actor("portal", "SYSTEM", Set.of(WorkflowDefinition.SYSTEM));
    /** The gateway's confirmation acts for the applicant: the money is theirs, the proof is the gateway's. */
    private static final Actor PAYMENT = new Actor("payment", "PAYMENT", Set.of(WorkflowDefinition.APPLICANT));

    /** A step of a group has ended: the next step starts, or the group finishes or stops. */
    private void stepEnded(Dossier step, int endStatus) {
        GroupSteps.Next next = groups.stepEnded(step, endStatus);
        next.groupEvent().ifPresent(event -> {
            Dossier group = dossiers.findForUpdate(step.parentId()).orElseThrow();
            fire(group, event, "", group.lockVersion(), PORTAL);
        });
        next.startedStep().ifPresent(this::runAutomatic);
    }

    private record Actor(String name, String kind, Set<String> roles) {}

    private Dossier fire(Dossier dossier, String event, String note, int expectedLockVersion, Actor actor) {
        return fire(dossier, event, note, expectedLockVersion, actor, null, List.of());
    }

    /**
     * {@code formId}: the citizen's form that asked for the step (a retried post is answered as the first);
     * {@code refused}: the conditions whose refusal of a citizen's step made the portal fire this one (whenRefused).
     */
    private Dossier fire(Dossier dossier, String event, String note, int expectedLockVersion, Actor actor,
                         UUID formId, List<RegisterGuard.Unmet> refused) {
        if (dossier.lockVersion() != expectedLockVersion) {
            throw UserFacingException.refused("decision.concurrent");
        }
        ProcedureDefinition definition = definitionOf(dossier);
        State current = definition.workflow().state(dossier.state()).orElseThrow();
        Transition transition = definition.workflow().transition(dossier.state(), event)
                .orElseThrow(() -> UserFacingException.refused("decision.notAllowedInState", current.label()));
        if (!transition.allows(actor.roles())) {
            throw UserFacingException.refused("decision.roleMissing", transition.label());
        }
        if (transition.payment() && actor != PAYMENT) {
            // A button must not be able to say "paid": only the gateway's verified confirmation (paid()) may.
            throw UserFacingException.refused("decision.paymentRequired", transition.label());
        }
        String cleanNote = note == null ? "" : note.strip();
        if (transition.requiresNote() && cleanNote.isEmpty()) {
            throw UserFacingException.refused("decision.noteRequired", transition.label()).at("note");
        }
        if (cleanNote.length() > MAX_NOTE) {
            throw UserFacingException.refused("decision.noteTooLong", MAX_NOTE).at("note");
        }
        List<RegisterGuard.Unmet> refusals = refusals(dossier, definition, transition);
        if (!refusals.isEmpty() && transition.whenRefused() != null) {
            // Nothing of the refused step is written; the portal ends the dossier, and each citizen learns only what
            // concerns their own record (the notifications; the actor here).
            fire(dossier, transition.whenRefused(), "", expectedLockVersion, PORTAL, null, refusals);
            throw new DossierEnded(RegisterGuard.Unmet.toldTo(refusals,
                    actor.roles().contains(WorkflowDefinition.PARTY) ? RegisterGuard.Whose.PARTY : RegisterGuard.Whose.FILER));
        }
        if (!refusals.isEmpty()) {
            throw UserFacingException.refused(refusals.get(0).code());
        }
        boolean backToFee = definition.refusesExemption(transition);
        if (backToFee && !feesDue.of(dossier).exempt()) {
            // Sending a dossier back to pay is the answer to a ground not proved, not a way to charge anyone else.
            throw UserFacingException.refused("fee.noExemptionToRefuse");
        }
        String next = engine.next(definition.workflow(), dossier.state(), event, actor.roles())
                .orElseThrow(() -> UserFacingException.refused("decision.notAllowedInState", current.label()));
        State target = definition.workflow().state(next).orElseThrow();
        UUID id = dossier.id();
        if (!dossiers.transition(id, dossier.lockVersion(), next, target.status(), target.terminal())) {
            throw UserFacingException.refused("decision.concurrent");
        }
        long eventId = dossiers.addEvent(id, actor.name(), actor.kind(), event, dossier.state(), next, target.status(),
                cleanNote.isEmpty() ? null : cleanNote, formId);
        legalClock(dossier, current, target, backToFee);
        if (dossier.receivedAt() == null && definition.receivedBy(current.id(), next)) {
            receive(dossier, definition);
        }
        audit.record(actor.name(), "dossier.transition", "dossier", id.toString(), Map.of(
                "receiptCode", dossier.receiptCode(), "event", event, "from", dossier.state(), "to", next,
                "status", target.status()));
        if (backToFee) {
            dossiers.refuseFeeExemption(id);
            audit.record(actor.name(), "dossier.fee-exemption-refused", "dossier", id.toString(), Map.of(
                    "receiptCode", dossier.receiptCode(), "ground", dossier.answers().get(ProcedureDefinition.EXEMPTION_ANSWER)));
        }
        if (transition.writeBack()) {
            writeBack(dossier, definition, actor);
        }
        // Listeners (the citizen's notification) run now, in this transaction: they commit with the move or not at all.
        events.publishEvent(new DossierMoved(dossier, eventId, event, current.status(), target.status(), cleanNote,
                target.status() == 5 ? dossiers.find(id).map(Dossier::supplementDue).orElse(null) : null, actor.name(),
                refused));
        // A group's next step starts as soon as this one's result exists: the birth extract goes on electronically,
        // not when its paper is handed over (Decree 63/2024).
        if (dossier.parentId() != null && definition.workflow().endsGroupStep(current.id(), next)) {
            stepEnded(dossiers.find(id).orElseThrow(), target.status());
        }
        Dossier moved = dossiers.find(id).orElseThrow();
        return actor.kind().equals("SYSTEM") ? moved : runAutomatic(id);
    }

    /**
     * Why a transition's guards refuse it for this dossier, if they do, in the order of its guards: the register's
     * guards, and the portal's own {@value WorkflowDefinition#NO_FEE_DUE}, which lets a dossier skip the payment state
     * only when it owes nothing. Empty when the transition may go ahead.
     */
    private List<RegisterGuard.Unmet> refusals(Dossier dossier, ProcedureDefinition definition, Transition transition) {
        RegisterGuard.Case filed = new RegisterGuard.Case(new IdNumber(dossier.applicantIdNumber()), dossier.answers(),
                definition.workflow().party());
        return transition.guards().stream().flatMap(guard -> WorkflowDefinition.NO_FEE_DUE.equals(guard)
                ? (feesDue.of(dossier).due() ? List.of(new RegisterGuard.Unmet("fee.due", RegisterGuard.Whose.BOTH))
                        : List.<RegisterGuard.Unmet>of()).stream()
                : guards.get(guard).refusals(filed).stream()).toList();
    }

    /**
     * Waiting for the citizen stops the legal clock: supplementation (status 5), and a received dossier sent back to
     * pay because its exemption ground was not proved ({@code backToFee}). When the citizen answers or pays, the
     * appointment moves by the working days the dossier waited for them. A step of a group stops and moves the group's
     * appointment too: the whole chain waits for the citizen, whose group page would otherwise call it overdue.
     */
    private void legalClock(Dossier dossier, State from, State to, boolean backToFee) {
        LocalDate today = LocalDate.now(clock);
        if ((to.status() == 5 && from.status() != 5) || backToFee) {
            dossiers.pauseClock(dossier.id(), today);
            groupOf(dossier).filter(group -> group.clockPausedOn() == null)
                    .ifPresent(group -> dossiers.pauseClock(group.id(), today));
        } else if (from.status() != to.status() && dossier.clockPausedOn() != null) {
            resumeClock(dossier, today);
            groupOf(dossier).filter(group -> group.clockPausedOn() != null).ifPresent(group -> resumeClock(group, today));
        }
    }

    private void resumeClock(Dossier dossier, LocalDate today) {
        if (dossier.appointmentDate() != null) {
            var calendar = calendars.current();
            int waited = calendar.workingDaysBetween(dossier.clockPausedOn(), today);
            dossiers.resumeClock(dossier.id(), calendar.addWorkingDays(dossier.appointmentDate(), waited));
        }
    }

    /**
     * A step's appointment moved later (an extension, the lawful longer time): the group's moves by the same working
     * days, as it does for the days a step waits for a supplement. The group's appointment is its own legal time from
     * the filing plus the days its steps were given beyond theirs, so a step's delay delays the chain after it by as
     * much, and no more: the group keeps the time its own deadline gives it, and the citizen's group page no longer
     * shows a date the group cannot meet.
     */
    void groupFollows(Dossier step, LocalDate newDate, String actor) {
        if (step.appointmentDate() == null) {
            return;
        }
        groupOf(step).filter(group -> group.isOpen() && !group.completed() && group.appointmentDate() != null)
                .ifPresent(group -> {
                    var calendar = calendars.current();
                    LocalDate moved = calendar.addWorkingDays(group.appointmentDate(),
                            calendar.workingDaysBetween(step.appointmentDate(), newDate));
                    dossiers.moveAppointment(group.id(), moved);
                    audit.record(actor, "group.appointment-moved", "dossier", group.id().toString(), Map.of(
                            "receiptCode", group.receiptCode(), "step", step.receiptCode(),
                            "from", group.appointmentDate().toString(), "to", moved.toString()));
                });
    }

    /** The group a step belongs to, locked after the step as when the step ends ({@link GroupSteps#stepEnded}). */
    private Optional<Dossier> groupOf(Dossier dossier) {
        return dossier.parentId() == null ? Optional.empty() : dossiers.findForUpdate(dossier.parentId());
    }

    /**
     * The fee before intake is paid or the other party confirmed: the agency receives the dossier now, and its legal
     * time counts from now, not from the filing, however long the wait took.
     */
    private void receive(Dossier dossier, ProcedureDefinition definition) {
        dossiers.receive(dossier.id(), clock.instant(), appointments.due(definition.deadline(), LocalDateTime.now(clock)));
    }

    private void writeBack(Dossier dossier, ProcedureDefinition definition, Actor actor) {
        Agency agency = agencies.find(dossier.agencyId()).orElseThrow();
        Map<String, String> outputs = new java.util.LinkedHashMap<>();
        try {
            writeBacks.get(definition.writeBack().handler()).apply(new CompletedDossier(dossier.id(),
                    dossier.receiptCode(), dossier.procedureCode(), new IdNumber(dossier.applicantIdNumber()),
                    dossier.answers(), definition.writeBack().params(), agency.nameVi(), agency.provinceCode(),
                    actor.name(), LocalDate.now(clock), outputs));
        } catch (RegisterConflict conflict) {
            // The register contradicts the decision (checked under its locks): refused, and the move rolls back with it.
            throw UserFacingException.refused(conflict.code(), conflict.args());
        }
        if (!outputs.isEmpty()) {
            dossiers.addAnswers(dossier.id(), outputs);
        }
    }

    private ProcedureDefinition definitionOf(Dossier dossier) {
        return catalog.of(dossier);
    }
}
