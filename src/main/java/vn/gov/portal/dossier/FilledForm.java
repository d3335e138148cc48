package vn.gov.portal.dossier;

import java.util.Map;
import java.util.Optional;
import java.util.Set;
import vn.gov.portal.catalog.FormField;
import vn.gov.portal.catalog.ProcedureDefinition;
import vn.gov.portal.population.PersonFacts;

/**
 * A form's answers with what was worked out from them: the people picked in person fields and the sections that
 * apply. Answers of sections that do not apply are empty and are not validated.
 */
record FilledForm(ProcedureDefinition definition, Map<String, String> values, Map<String, PersonFacts> picked,
                  Set<String> applicableSections) {

    boolean applies(ProcedureDefinition.FormSection section) {
        return applicableSections.contains(section.id());
    }

    Optional<PersonFacts> picked(FormField field) {
        return Optional.ofNullable(picked.get(field.id()));
    }
}
