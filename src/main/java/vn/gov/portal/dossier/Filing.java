package vn.gov.portal.dossier;

import java.time.Clock;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import vn.gov.portal.agency.Agency;
import vn.gov.portal.agency.AgencyDirectory;
import vn.gov.portal.audit.AuditLog;
import vn.gov.portal.catalog.FormField;
import vn.gov.portal.catalog.ProcedureDefinition;
import vn.gov.portal.identity.PortalUser;
import vn.gov.portal.population.PrefillSources;
import vn.gov.portal.workflow.HolidayCalendarSource;

/**
 * A citizen filling and submitting a procedure form. Values the register holds are prefilled; locked ones are always
 * taken from the register, never from the browser. Submission needs the e-ID level the procedure asks for.
 */
@Service
public class Filing {

    /** The form as it should be shown: the id the form posts back, the values, which came from the register. */
    public record FormState(UUID formId, Map<String, String> values, Set<String> prefilled, boolean resumedDraft) {}

    public sealed interface Outcome permits Saved, Invalid, LevelTooLow, Submitted {}

    public record Saved(FormState form) implements Outcome {}

    public record Invalid(FormState form, List<FieldProblem> problems) implements Outcome {}

    /** Saved as a draft; the citizen needs a higher e-ID level to submit. */
    public record LevelTooLow(FormState form, int required, int actual) implements Outcome {}

    public record Submitted(Dossier dossier) implements Outcome {}

    private final DossierRepository dossiers;
    private final PrefillSources prefill;
    private final AnswerValidator validator;
    private final AgencyDirectory agencies;
    private final ReceiptCodes receiptCodes;
    private final HolidayCalendarSource calendar;
    private final AuditLog audit;
    private final Clock clock;

    Filing(DossierRepository dossiers, PrefillSources prefill, AnswerValidator validator, AgencyDirectory agencies,
           ReceiptCodes receiptCodes, HolidayCalendarSource calendar, AuditLog audit, Clock clock) {
        this.dossiers = dossiers;
        this.prefill = prefill;
        this.validator = validator;
        this.agencies = agencies;
        this.receiptCodes = receiptCodes;
        this.calendar = calendar;
        this.audit = audit;
        this.clock = clock;
    }

    /** The form for a new filing, or the citizen's draft of this procedure when there is one. */
    public FormState open(PortalUser citizen, ProcedureDefinition definition) {
        PrefillSources.Subject subject = subject(citizen);
        Optional<Dossier> draft = dossiers.findDraft(citizen.subject(), definition.code());
        Map<String, String> base = draft.map(Dossier::answers).orElse(Map.of());
        Map<String, String> values = merge(definition, subject, base);
        return new FormState(draft.map(Dossier::id).orElse(UUID.randomUUID()), values,
                fromRegister(definition, subject, values), draft.isPresent());
    }

    @Transactional
    public Outcome save(PortalUser citizen, ProcedureDefinition definition, UUID formId, Map<String, String> posted) {
        FormState form = store(citizen, definition, formId, posted);
        return new Saved(form);
    }

    @Transactional
    public Outcome submit(PortalUser citizen, ProcedureDefinition definition, UUID formId, Map<String, String> posted) {
        Optional<Dossier> existing = dossiers.findForUpdate(formId);
        if (existing.isPresent() && !existing.get().isDraft()) {
            return alreadySubmitted(citizen, existing.get());
        }
        FormState form = store(citizen, definition, formId, posted);
        List<FieldProblem> problems = validator.validate(definition, form.values());
        if (!problems.isEmpty()) {
            return new Invalid(form, problems);
        }
        if (citizen.eidLevel() < definition.eidLevel()) {
            return new LevelTooLow(form, definition.eidLevel(), citizen.eidLevel());
        }
        String commune = form.values().get(definition.routing().communeField());
        Optional<Agency> agency = agencies.forCommune(definition.routing().agencyKind(), commune);
        if (agency.isEmpty()) {
            return new Invalid(form, List.of(FieldProblem.of(definition.routing().communeField(), "validation.noAgency")));
        }
        return new Submitted(submitDraft(citizen, definition, form.formId(), agency.get()));
    }

    private Dossier submitDraft(PortalUser citizen, ProcedureDefinition definition, UUID id, Agency agency) {
        LocalDateTime now = LocalDateTime.now(clock);
        String receipt = receiptCodes.next(agency.unitCode(), now.toLocalDate());
        LocalDate appointment = calendar.current().appointment(now, definition.deadline().workingDays());
        String initial = definition.workflow().initial();
        int status = definition.workflow().statusOf(initial);
        if (!dossiers.submit(id, agency.id(), initial, status, receipt, clock.instant(), appointment)) {
            throw new IllegalStateException("draft " + id + " vanished while locked");
        }
        dossiers.addEvent(id, citizen.subject(), "CITIZEN", "submit", Dossier.DRAFT, initial, status, null);
        audit.record(citizen.subject(), "dossier.submitted", "dossier", id.toString(),
                Map.of("receiptCode", receipt, "procedure", definition.code(), "agency", agency.unitCode()));
        return dossiers.find(id).orElseThrow();
    }

    /** A repeated submit (double click, retry after a timeout) returns the dossier of the first one. */
    private Outcome alreadySubmitted(PortalUser citizen, Dossier dossier) {
        if (!dossier.applicantIdNumber().equals(citizen.subject())) {
            throw UserFacingException.notFound();
        }
        return new Submitted(dossier);
    }

    private FormState store(PortalUser citizen, ProcedureDefinition definition, UUID formId, Map<String, String> posted) {
        PrefillSources.Subject subject = subject(citizen);
        Map<String, String> values = merge(definition, subject, posted);
        // Two tabs on the same procedure share the one draft a citizen may have per procedure.
        UUID id = dossiers.findDraft(citizen.subject(), definition.code()).map(Dossier::id).orElse(formId);
        Set<String> fromRegister = fromRegister(definition, subject, values);
        if (!dossiers.saveDraft(id, definition.code(), definition.version(), citizen.subject(),
                subject.person().fullName(), values, fromRegister)) {
            throw UserFacingException.notFound();
        }
        return new FormState(id, values, fromRegister, true);
    }

    /**
     * Locked fields come from the register; the others from what the citizen gave, falling back to the register for
     * editable prefills the citizen has not touched yet. Unknown keys are dropped.
     */
    private static Map<String, String> merge(ProcedureDefinition definition, PrefillSources.Subject subject,
                                             Map<String, String> given) {
        Map<String, String> values = new LinkedHashMap<>();
        definition.fields().forEach(field -> {
            String fromRegister = field.prefilled() ? PrefillSources.value(field.prefill(), subject) : null;
            String value;
            if (field.locked()) {
                value = fromRegister;
            } else if (given.containsKey(field.id())) {
                value = given.get(field.id()).strip();
            } else {
                value = fromRegister == null ? "" : fromRegister;
            }
            values.put(field.id(), value);
        });
        return values;
    }

    /** The fields whose value is the register's: officers see which answers the state already vouches for. */
    private static Set<String> fromRegister(ProcedureDefinition definition, PrefillSources.Subject subject,
                                            Map<String, String> values) {
        return definition.fields().filter(FormField::prefilled)
                .filter(f -> PrefillSources.value(f.prefill(), subject).equals(values.get(f.id())))
                .map(FormField::id).collect(Collectors.toSet());
    }

    private PrefillSources.Subject subject(PortalUser citizen) {
        return prefill.subject(citizen.idNumber()).orElseThrow(() -> UserFacingException.refused("filing.notInRegister"));
    }
}
