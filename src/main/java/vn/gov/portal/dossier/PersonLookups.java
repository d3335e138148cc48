package vn.gov.portal.dossier;

import java.util.Map;
import java.util.UUID;
import org.springframework.stereotype.Component;
import vn.gov.portal.audit.AuditLog;
import vn.gov.portal.audit.PersonalDataUse;
import vn.gov.portal.identity.PortalUser;

/**
 * A citizen's look at another person's register record: a number typed in a person field of relation ANY (or
 * DECEASED) brings that person's name into the form. Audited as {@code person.looked-up} with the citizen as actor, the person as
 * subject, and the procedure, answer and form as details.
 */
@Component
class PersonLookups {

    static final String ACTION = PersonalDataUse.CITIZEN_LOOK_UP;

    private final AuditLog audit;

    PersonLookups(AuditLog audit) {
        this.audit = audit;
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
