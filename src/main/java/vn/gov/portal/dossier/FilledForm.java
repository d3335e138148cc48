package vn.gov.portal.dossier;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import vn.gov.portal.catalog.FormField;
import vn.gov.portal.catalog.ProcedureDefinition;
import vn.gov.portal.population.PersonFacts;

/**
 * A form's answers with what was worked out from them: the people picked in person fields and the sections that
 * apply. Answers of sections that do not apply are empty and are not validated. {@code clearedPrefills} are the
 * answers the citizen emptied although the register has a value for them. {@code refusedLookups} are the typed numbers
 * whose name was not looked up (e-ID level, look-up limit: {@link PersonLookups.Gate}), with what to tell the citizen.
 */
record FilledForm(ProcedureDefinition definition, Map<String, String> values, Map<String, PersonFacts> picked,
                  Set<String> applicableSections, Set<String> clearedPrefills, Map<String, FieldProblem> refusedLookups) {

    /** The refused look-ups of the sections that apply, in form order. */
    List<FieldProblem> lookupRefusals() {
        return typedPeople().stream().map(p -> refusedLookups.get(p.answerId())).filter(java.util.Objects::nonNull)
                .toList();
    }

    /**
     * The answers as written to the dossier: the empty ones left out (a form offering six rows of members stores
     * the rows filled in, not 36 empty answers), except those the citizen cleared over a register value, which
     * filling the form again would otherwise prefill anew. Every reader takes a missing answer as empty.
     */
    Map<String, String> stored() {
        Map<String, String> stored = new LinkedHashMap<>();
        values.forEach((id, value) -> {
            if (!value.isEmpty() || clearedPrefills.contains(id)) {
                stored.put(id, value);
            }
        });
        return stored;
    }

    boolean applies(ProcedureDefinition.FormSection section) {
        return applicableSections.contains(section.id());
    }

    Optional<PersonFacts> picked(FormField field) {
        return Optional.ofNullable(picked.get(field.id()));
    }

    /** The people picked in a person field: on every row of a repeated section, in row order. */
    List<PersonFacts> peopleIn(String fieldId) {
        return definition.sectionOf(fieldId).filter(this::applies).stream()
                .flatMap(s -> s.answerIds(definition.field(fieldId).orElseThrow()).stream())
                .map(picked::get).filter(java.util.Objects::nonNull).toList();
    }

    /** A number typed in a person field looked up by number (relation ANY or DECEASED), with its field. */
    record TypedPerson(FormField field, String answerId, String number) {}

    /** The typed people of the sections that apply, in form order: what must be confirmed by name and is audited. */
    List<TypedPerson> typedPeople() {
        List<TypedPerson> people = new ArrayList<>();
        for (ProcedureDefinition.FormSection section : definition.sections()) {
            if (!applies(section)) {
                continue;
            }
            section.fields().stream().filter(FormField::typedPerson).forEach(field -> section.answerIds(field)
                    .forEach(answerId -> {
                        String number = values.getOrDefault(answerId, "");
                        if (!number.isEmpty()) {
                            people.add(new TypedPerson(field, answerId, number));
                        }
                    }));
        }
        return people;
    }
}
