package vn.gov.portal.dossier;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import vn.gov.portal.agency.Agency;
import vn.gov.portal.audit.AuditLog;
import vn.gov.portal.catalog.FormField;
import vn.gov.portal.catalog.ProcedureDefinition;
import vn.gov.portal.catalog.ProcedureDefinition.FormSection;
import vn.gov.portal.identity.PortalUser;
import vn.gov.portal.limits.LimitedAction;
import vn.gov.portal.limits.RateLimits;
import vn.gov.portal.population.IdNumber;
import vn.gov.portal.population.PersonFacts;
import vn.gov.portal.population.PrefillSources;

/**
 * A citizen filling and submitting a procedure form. Values the register holds are prefilled; locked ones are always
 * taken from the register, never from the browser. Submission needs the e-ID level the procedure asks for.
 */
@Service
public class Filing {

    /** The form as it should be shown: the id the form posts back, the values, which came from the register. */
    /** {@code lookupRefusals}: the people typed by number whose name was not looked up, and why (PersonLookups). */
    public record FormState(UUID formId, Map<String, String> values, Set<String> prefilled, Set<String> sections,
                            boolean resumedDraft, Map<String, String> personNames, List<FieldProblem> lookupRefusals) {

        /** The answers, named as on a dossier so that the same page fragments show both. */
        public Map<String, String> answers() {
            return values;
        }

        public boolean hasAnswersIn(FormSection section) {
            return sections.contains(section.id()) && section.fields().stream()
                    .flatMap(f -> section.answerIds(f).stream()).anyMatch(id -> !values.getOrDefault(id, "").isBlank());
        }
    }

    public sealed interface Outcome permits Saved, Invalid, LevelTooLow, Submitted {}

    public record Saved(FormState form) implements Outcome {}

    public record Invalid(FormState form, List<FieldProblem> problems) implements Outcome {}

    /** Saved as a draft; the citizen needs a higher e-ID level to submit. */
    public record LevelTooLow(FormState form, int required, int actual) implements Outcome {}

    public record Submitted(Dossier dossier) implements Outcome {}

    private final DossierRepository dossiers;
    private final PrefillSources prefill;
    private final PersonPicker picker;
    private final AnswerValidator validator;
    private final Routing routing;
    private final ReceiptCodes receiptCodes;
    private final Appointments appointments;
    private final Decisions decisions;
    private final AuditLog audit;
    private final Clock clock;
    private final SupportingDocuments documents;
    private final RateLimits limits;
    private final ApplicationEventPublisher events;
    private final PersonLookups lookups;
    private final FilingChecks checks;

    Filing(DossierRepository dossiers, PrefillSources prefill, PersonPicker picker, AnswerValidator validator,
           Routing routing, ReceiptCodes receiptCodes, Appointments appointments, Decisions decisions, AuditLog audit,
           Clock clock, SupportingDocuments documents, RateLimits limits, ApplicationEventPublisher events,
           PersonLookups lookups, FilingChecks checks) {
        this.lookups = lookups;
        this.checks = checks;
        this.limits = limits;
        this.events = events;
        this.documents = documents;
        this.dossiers = dossiers;
        this.prefill = prefill;
        this.picker = picker;
        this.validator = validator;
        this.routing = routing;
        this.receiptCodes = receiptCodes;
        this.appointments = appointments;
        this.decisions = decisions;
        this.audit = audit;
        this.clock = clock;
    }

    /** The form for a new filing, or the citizen's draft of this procedure when there is one. */
    public FormState open(PortalUser citizen, ProcedureDefinition definition) {
        PrefillSources.Subject subject = subject(citizen);
        Optional<Dossier> draft = dossiers.findDraft(citizen.subject(), definition.code());
        FilledForm form = fill(definition, subject, draft.map(Dossier::answers).orElse(Map.of()),
                lookups.gate(citizen, definition, Map.of()));
        return state(draft.map(Dossier::id).orElseGet(DossierIds::next), form, subject, draft.isPresent());
    }

    /**
     * The filing time (notification of stay: 23:00 of the arrival day) that submitting this form now would miss, to
     * tell the citizen before they submit; the portal accepts the dossier all the same and marks it late.
     */
    public Optional<LocalDateTime> missedFilingDue(ProcedureDefinition definition, FormState form) {
        return definition.missedFilingDue(form.values(), LocalDateTime.now(clock));
    }

    /** The people the citizen may pick in a person field (a select); empty for fields where a number is typed. */
    public List<PersonFacts> candidates(PortalUser citizen, FormField field) {
        return field.relation() == null ? List.of() : picker.candidates(citizen.idNumber(), field.relation());
    }

    /** Saves the whole form as the citizen's draft, without checking it. */
    @Transactional
    public Outcome save(PortalUser citizen, ProcedureDefinition definition, UUID formId, Map<String, String> posted) {
        return save(citizen, definition, formId, PostedAnswers.wholeForm(posted), false);
    }

    /**
     * Saves what a page of the form carries into the citizen's draft; with {@code check}, the answers of that page are
     * validated too (the draft is saved either way, so nothing typed is lost).
     */
    @Transactional
    public Outcome save(PortalUser citizen, ProcedureDefinition definition, UUID formId, PostedAnswers posted,
                        boolean check) {
        dossiers.lockFilings(citizen.subject(), definition.code());
        Stored stored = keepDraft(citizen, definition, prepare(citizen, definition, formId, posted,
                dossiers.findDraft(citizen.subject(), definition.code())));
        if (check) {
            List<FieldProblem> problems = onPage(definition, posted, validator.validate(stored.form()));
            if (!problems.isEmpty()) {
                return new Invalid(stored.state(), problems);
            }
        }
        return new Saved(stored.state());
    }

    @Transactional
    public Outcome submit(PortalUser citizen, ProcedureDefinition definition, UUID formId, Map<String, String> posted) {
        return submit(citizen, definition, formId, PostedAnswers.wholeForm(posted));
    }

    @Transactional
    public Outcome submit(PortalUser citizen, ProcedureDefinition definition, UUID formId, PostedAnswers posted) {
        dossiers.lockFilings(citizen.subject(), definition.code());
        DossierRepository.FormAndDraft rows = dossiers.formAndDraftForUpdate(formId, citizen.subject(), definition.code());
        if (rows.form().isPresent() && !rows.form().get().isDraft()) {
            return alreadySubmitted(citizen, rows.form().get());
        }
        Stored stored = prepare(citizen, definition, formId, posted, rows.draft());
        Optional<Agency> agency = Optional.empty();
        List<FieldProblem> problems = new java.util.ArrayList<>(validator.validate(stored.form()));
        problems.addAll(documents.missing(definition, stored.state().formId()));
        problems.addAll(exemptionUnproved(definition, stored.form().values(), stored.state().formId()));
        if (problems.isEmpty()) {
            problems.addAll(unconfirmedPeople(stored.form(), posted.values()));
        }
        if (problems.isEmpty()) {
            // What the register already tells against the dossier (marriage: the filer's age; a birth already
            // registered) is said now, before any wait, not by an officer at the end.
            problems.addAll(checks.refusals(definition, citizen.idNumber(), stored.form().values()));
        }
        if (problems.isEmpty() && citizen.eidLevel() >= definition.eidLevel()) {
            agency = routing.agencyFor(definition, stored.form().values(), stored.subject());
            if (agency.isEmpty()) {
                problems.add(FieldProblem.of(definition.routing().fromApplicant()
                        ? definition.sections().get(0).fields().get(0).id() : definition.routing().place(),
                        "validation.noAgency"));
            }
        }
        if (agency.isPresent()) {
            return new Submitted(submitDraft(citizen, definition, stored, agency.get()));
        }
        // Not submitted: what was typed is kept as the draft, and the citizen is told why.
        keepDraft(citizen, definition, stored);
        return problems.isEmpty() ? new LevelTooLow(stored.state(), definition.eidLevel(), citizen.eidLevel())
                : new Invalid(stored.state(), problems);
    }

    /**
     * A declared exemption ground whose proof the register cannot give needs its document attached: otherwise the
     * dossier would skip the fee on a bare claim the receiver can only send back.
     */
    private List<FieldProblem> exemptionUnproved(ProcedureDefinition definition, Map<String, String> answers, UUID formId) {
        return definition.fees() == null ? List.of()
                : definition.fees().exemption(answers.getOrDefault(ProcedureDefinition.EXEMPTION_ANSWER, ""))
                .filter(ground -> ground.document() != null)
                .flatMap(ground -> definition.documents().stream().filter(d -> d.id().equals(ground.document()))
                        .filter(d -> !d.verifiableInRegister()).findFirst()
                        .filter(d -> !documents.attached(formId).contains(d.id()))
                        .map(d -> FieldProblem.of(ProcedureDefinition.EXEMPTION_ANSWER, "fee.exemptionDocumentMissing",
                                ground.label(), d.name())))
                .map(List::of).orElse(List.of());
    }

    /** "Start again": the citizen's draft of this procedure is deleted. */
    @Transactional
    public void discard(PortalUser citizen, ProcedureDefinition definition) {
        dossiers.lockFilings(citizen.subject(), definition.code());
        dossiers.findDraft(citizen.subject(), definition.code()).ifPresent(draft -> {
            dossiers.deleteDraft(draft.id());
            audit.record(citizen.subject(), "dossier.draft-discarded", "dossier", draft.id().toString(),
                    Map.of("procedure", definition.code()));
        });
    }

    /** The problems of the answers on the page just posted; the others wait for their own page. */
    private static List<FieldProblem> onPage(ProcedureDefinition definition, PostedAnswers posted,
                                             List<FieldProblem> problems) {
        Set<String> answerIds = new HashSet<>();
        definition.sections().stream().filter(posted::covers)
                .forEach(s -> s.fields().forEach(f -> answerIds.addAll(s.answerIds(f))));
        return problems.stream().filter(p -> answerIds.contains(p.field())).toList();
    }

    private Dossier submitDraft(PortalUser citizen, ProcedureDefinition definition, Stored stored, Agency agency) {
        UUID id = stored.state().formId();
        // Only real submissions count; over the limit the whole request rolls back, the draft as it was.
        limits.take(citizen.subject(), LimitedAction.SUBMISSION);
        Instant filed = clock.instant();
        LocalDateTime now = LocalDateTime.ofInstant(filed, clock.getZone());
        String receipt = receiptCodes.next(agency.unitCode(), now.toLocalDate());
        LocalDate appointment = appointments.due(definition.deadline(), now);
        String initial = definition.workflow().initial();
        // Received as filed, unless a fee before intake or the other party's confirmation comes first (Decisions).
        Instant received = definition.awaitsOthersBeforeReceipt(initial) ? null : filed;
        int status = definition.workflow().statusOf(initial);
        String party = definition.workflow().party() == null ? null
                : stored.form().values().get(definition.workflow().party());
        // One write of the dossier, submitted: a draft of the citizen's (or none) becomes it.
        Dossier written = dossiers.submit(id, definition.code(), definition.version(), citizen.subject(),
                stored.subject().filer().person().fullName(), stored.form().stored(), stored.state().prefilled(),
                agency.id(), initial, status, receipt, filed, appointment, party, received)
                .orElseThrow(UserFacingException::notFound);
        dossiers.addEvent(id, citizen.subject(), "CITIZEN", "submit", Dossier.DRAFT, initial, status, null);
        Map<String, Object> details = new LinkedHashMap<>(Map.of("receiptCode", receipt, "procedure", definition.code(),
                "agency", agency.unitCode(), "from", Dossier.DRAFT, "to", initial, "status", status));
        definition.missedFilingDue(stored.form().values(), now).ifPresent(due -> details.put("lateAfter", due.toString()));
        audit.record(citizen.subject(), "dossier.submitted", "dossier", id.toString(), details);
        Dossier submitted;
        if (definition.isGroup()) {
            decisions.startGroup(id);
            submitted = dossiers.find(id).orElseThrow();
        } else {
            submitted = decisions.runAutomatic(written);
        }
        events.publishEvent(new DossierSubmitted(submitted));
        return submitted;
    }

    /** A repeated submit (double click, retry after a timeout) returns the dossier of the first one. */
    private Outcome alreadySubmitted(PortalUser citizen, Dossier dossier) {
        if (!dossier.applicantIdNumber().equals(citizen.subject())) {
            throw UserFacingException.notFound();
        }
        return new Submitted(dossier);
    }

    /** The name of the hidden answer by which the form says it showed the looked-up name for this number. */
    public static String confirmationOf(String answerId) {
        return answerId + "Confirmed";
    }

    /**
     * A person typed by number (relation ANY or DECEASED) must have been shown by name before the dossier goes: the form comes
     * back once with the name looked up in the register, and the citizen submits again after checking it.
     */
    private static List<FieldProblem> unconfirmedPeople(FilledForm form, Map<String, String> posted) {
        return form.typedPeople().stream()
                .filter(p -> !p.number().equals(posted.get(confirmationOf(p.answerId()))))
                .map(p -> FieldProblem.of(p.answerId(), "validation.confirmPerson", p.field().label())).toList();
    }

    private record Stored(FormState state, FilledForm form, PrefillSources.Subject subject) {}

    /**
     * The answers posted over the citizen's draft, worked out as {@link #fill} does; only the look-ups of people typed
     * anew are written yet. Two tabs on the same procedure share the one draft a citizen may have per procedure.
     */
    private Stored prepare(PortalUser citizen, ProcedureDefinition definition, UUID formId, PostedAnswers posted,
                           Optional<Dossier> draft) {
        PrefillSources.Subject subject = subject(citizen);
        Map<String, String> saved = draft.map(Dossier::answers).orElse(Map.of());
        FilledForm form = fill(definition, subject, posted.over(saved, definition),
                lookups.gate(citizen, definition, Map.of()));
        UUID id = draft.map(Dossier::id).orElse(formId);
        lookups.record(citizen, form, saved, id);
        return new Stored(state(id, form, subject, true), form, subject);
    }

    /** Writes the prepared answers as the citizen's draft; an id that is not a draft of theirs is not found. */
    private Stored keepDraft(PortalUser citizen, ProcedureDefinition definition, Stored stored) {
        if (!dossiers.saveDraft(stored.state().formId(), definition.code(), definition.version(), citizen.subject(),
                stored.subject().filer().person().fullName(), stored.form().stored(), stored.state().prefilled())) {
            throw UserFacingException.notFound();
        }
        return stored;
    }

    /**
     * Works out the answers: what the citizen gave for the fields they may fill (unknown keys dropped), the people
     * they picked (only those the register allows, and people typed by number only as far as the gate lets the
     * citizen look them up), the register's values for prefilled fields, and which sections apply; answers of
     * sections that do not apply are cleared.
     */
    FilledForm fill(ProcedureDefinition definition, PrefillSources.Subject subject, Map<String, String> given,
                    PersonLookups.Gate gate) {
        Map<String, String> values = new LinkedHashMap<>();
        Map<String, PersonFacts> picked = new HashMap<>();
        Map<String, FieldProblem> refusedLookups = new HashMap<>();
        IdNumber filer = subject.filer().person().idNumber();
        for (FormSection section : definition.sections()) {
            for (FormField field : section.fields()) {
                for (String answerId : section.answerIds(field)) {
                    String value = field.locked() ? "" : given.getOrDefault(answerId, "").strip();
                    values.put(answerId, value);
                    if (field.type() != FormField.FieldType.PERSON) {
                        continue;
                    }
                    // Asked before the register is, so that a refused number reveals nothing, not even a miss.
                    Optional<FieldProblem> refused = picker.looksUp(filer, field.relation(), value)
                            ? gate.refusal(field, answerId, value) : Optional.empty();
                    if (refused.isPresent()) {
                        refusedLookups.put(answerId, refused.get());
                    } else {
                        picker.pick(filer, field.relation(), value).ifPresent(p -> picked.put(answerId, p));
                    }
                }
            }
        }
        // The exemption ground the citizen declared on the review page: one of the definition's, or none.
        if (!definition.exemptions().isEmpty()) {
            String ground = given.getOrDefault(ProcedureDefinition.EXEMPTION_ANSWER, "").strip();
            values.put(ProcedureDefinition.EXEMPTION_ANSWER, definition.fees().exemption(ground).isPresent() ? ground : "");
        }
        Set<String> clearedPrefills = new HashSet<>();
        for (FormSection section : definition.sections()) {
            for (FormField field : section.fields().stream().filter(FormField::prefilled).toList()) {
                for (String answerId : section.answerIds(field)) {
                    String fromRegister = registerValue(field, answerId, subject, picked);
                    if (field.locked() || !given.containsKey(answerId)) {
                        values.put(answerId, fromRegister);
                    } else if (values.get(answerId).isEmpty() && !fromRegister.isEmpty()) {
                        clearedPrefills.add(answerId);
                    }
                }
            }
        }
        Set<String> applicable = new HashSet<>();
        for (FormSection section : definition.sections()) {
            if (applies(section, values, subject, picked)) {
                applicable.add(section.id());
            } else {
                section.fields().forEach(f -> section.answerIds(f).forEach(a -> {
                    values.put(a, "");
                    clearedPrefills.remove(a);
                }));
            }
        }
        return new FilledForm(definition, values, picked, applicable, clearedPrefills, refusedLookups);
    }

    private boolean applies(FormSection section, Map<String, String> values, PrefillSources.Subject subject,
                            Map<String, PersonFacts> picked) {
        ProcedureDefinition.Condition when = section.when();
        if (when == null) {
            return true;
        }
        if (when.byAge()) {
            PersonFacts person = ProcedureDefinition.APPLICANT_PLACE.equals(when.field()) ? subject.filer()
                    : picked.get(when.field());
            if (person == null) {
                return false;
            }
            int age = person.ageOn(LocalDate.now(clock));
            return (when.ageUnder() == null || age < when.ageUnder())
                    && (when.ageAtLeast() == null || age >= when.ageAtLeast());
        }
        return when.holdsFor(values);
    }

    /** The form as the citizen sees it: the answers meant for officers only are kept in the dossier, not shown. */
    static FormState state(UUID id, FilledForm form, PrefillSources.Subject subject, boolean resumed) {
        Map<String, String> names = new HashMap<>();
        form.picked().forEach((answerId, person) -> names.put(answerId, person.person().fullName()));
        Map<String, String> shown = new LinkedHashMap<>(form.values());
        for (FormSection section : form.definition().sections()) {
            section.fields().stream().filter(FormField::officersOnly)
                    .forEach(field -> section.answerIds(field).forEach(answerId -> shown.put(answerId, "")));
        }
        return new FormState(id, shown, fromRegister(form, subject), form.applicableSections(), resumed, names,
                form.lookupRefusals());
    }

    /** The answers equal to the register's value: officers see which answers the state already vouches for. */
    private static Set<String> fromRegister(FilledForm form, PrefillSources.Subject subject) {
        Set<String> ids = new HashSet<>();
        for (FormSection section : form.definition().sections()) {
            for (FormField field : section.fields().stream().filter(FormField::prefilled).toList()) {
                section.answerIds(field).stream().filter(a -> {
                    String fromRegister = registerValue(field, a, subject, form.picked());
                    return !fromRegister.isEmpty() && fromRegister.equals(form.values().get(a));
                }).forEach(ids::add);
            }
        }
        return ids;
    }

    /**
     * The register's value for one answer. In a repeated section, a field prefilled from a person field of the same
     * row reads that row's person: movingMemberName_2 comes from movingMember_2.
     */
    private static String registerValue(FormField field, String answerId, PrefillSources.Subject subject,
                                        Map<String, PersonFacts> picked) {
        String row = answerId.equals(field.id()) ? "" : answerId.substring(field.id().length());
        return PrefillSources.value(field.prefill(), subject,
                owner -> Optional.ofNullable(picked.getOrDefault(owner + row, picked.get(owner))));
    }

    PrefillSources.Subject subject(PortalUser citizen) {
        return prefill.subject(citizen.idNumber()).orElseThrow(() -> UserFacingException.refused("filing.notInRegister"));
    }
}
