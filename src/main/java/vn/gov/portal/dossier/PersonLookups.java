package vn.gov.portal.dossier;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.stereotype.Component;
import vn.gov.portal.audit.AuditLog;
import vn.gov.portal.audit.PersonalDataUse;
import vn.gov.portal.catalog.FormField;
import vn.gov.portal.catalog.ProcedureDefinition;
import vn.gov.portal.identity.PortalUser;
import vn.gov.portal.limits.LimitedAction;
import vn.gov.portal.limits.RateLimits;

/**
 * A citizen's look at another person's register record: a number typed in a person field of relation ANY (or
 * DECEASED) brings that person's name into the form. Audited as {@code person.looked-up} with the citizen as actor, the person as
 * subject, and the procedure, answer and form as details.
 *
 * <p>Before the look-up, the {@link Gate}: the citizen must hold the procedure's e-ID level (an unverified account
 * sees no stranger's name), and may look up only so many distinct numbers in a window ({@link
 * LimitedAction#PERSON_LOOKUP}), so that nobody can read the register, or who has died, one number after another.
 * Refused, the number stays in the form as typed; only the name is not looked up, and the form says why.
 */
@Component
class PersonLookups {

    static final String ACTION = PersonalDataUse.CITIZEN_LOOK_UP;

    /** Whether the register may be asked who a typed number names; the problem to show at the field if not. */
    @FunctionalInterface
    interface Gate {
        Optional<FieldProblem> refusal(FormField field, String answerId, String number);
    }

    private final AuditLog audit;
    private final RateLimits limits;

    PersonLookups(AuditLog audit, RateLimits limits) {
        this.audit = audit;
        this.limits = limits;
    }

    /**
     * The gate for the citizen filling this procedure's form. {@code confirmed} are answers the citizen already
     * confirmed by name and submitted (a dossier's, on the supplement form): their numbers pass without a count.
     * Every other number counts once in the window, the first time it is looked up there, whatever form or answer it
     * is typed in: saving, autosaving, opening the draft again or retyping it costs nothing more. A number refused
     * is tried again at the next save, so a full window cannot be passed by saving the number first.
     */
    Gate gate(PortalUser citizen, ProcedureDefinition definition, Map<String, String> confirmed) {
        return (field, answerId, number) -> {
            if (number.equals(confirmed.get(answerId))) {
                return Optional.empty();
            }
            if (citizen.eidLevel() < definition.eidLevel()) {
                return Optional.of(FieldProblem.of(answerId, "filing.lookupNeedsLevel", field.label(),
                        definition.eidLevel()));
            }
            return limits.takeOnce(citizen.subject(), LimitedAction.PERSON_LOOKUP, number)
                    .map(refused -> {
                        List<Object> args = new ArrayList<>(List.of(refused.messageArgs()));
                        args.add(field.label());
                        return new FieldProblem(answerId, refused.action().messageCode(), args, null);
                    });
        };
    }

    /**
     * Records each typed person whose name the filled form shows and whose number is not the one {@code before} held
     * for that answer; in the caller's transaction, so a request that rolls back (and shows nothing) leaves nothing.
     */
    void record(PortalUser citizen, FilledForm form, Map<String, String> before, UUID formId) {
        // Once, when the number enters the form: from then on every open, save and submit re-fills the same name, and
        // auditing those would log the same look again and again (autosave alone saves every few seconds).
        for (FilledForm.TypedPerson person : form.typedPeople()) {
            if (form.picked().containsKey(person.answerId())
                    && !person.number().equals(before.getOrDefault(person.answerId(), "").strip())) {
                audit.record(citizen.subject(), ACTION, "person", person.number(), Map.of(
                        "procedure", form.definition().code(), "field", person.answerId(), "form", formId.toString()));
            }
        }
    }
}
