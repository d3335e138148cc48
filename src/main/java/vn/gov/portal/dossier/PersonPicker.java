package vn.gov.portal.dossier;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.springframework.stereotype.Component;
import vn.gov.portal.catalog.FormField.Relation;
import vn.gov.portal.population.Household;
import vn.gov.portal.population.IdNumber;
import vn.gov.portal.population.PersonFacts;
import vn.gov.portal.population.PopulationRegister;
import vn.gov.portal.population.PrefillSources;

/**
 * Whom a filer may name in a person field: themselves or their children, their spouse, a member of their household
 * — as the register links them — or someone whose number they type: any living person ({@link Relation#ANY}), or a
 * person whose death the register records ({@link Relation#DECEASED}).
 */
@Component
class PersonPicker {

    private final PopulationRegister register;
    private final PrefillSources prefill;

    PersonPicker(PopulationRegister register, PrefillSources prefill) {
        this.register = register;
        this.prefill = prefill;
    }

    /** The people to offer in a select; empty for ANY and DECEASED, where the number is typed. */
    List<PersonFacts> candidates(IdNumber filer, Relation relation) {
        List<IdNumber> ids = new ArrayList<>();
        switch (relation) {
            case SELF_OR_CHILD -> {
                ids.add(filer);
                ids.addAll(register.children(filer));
            }
            case CHILD -> ids.addAll(register.children(filer));
            case SPOUSE -> register.relative(filer, "SPOUSE").ifPresent(ids::add);
            case HOUSEHOLD_MEMBER -> register.householdOf(filer).ifPresent(h -> h.members().stream()
                    .map(Household.Member::idNumber).filter(id -> !id.equals(filer)).forEach(ids::add));
            case ANY, DECEASED -> { }
        }
        return prefill.facts(ids).stream().filter(f -> f.person().alive()).toList();
    }

    /** Whether picking {@code value} in a field of this relation asks the register about someone else's number. */
    boolean looksUp(IdNumber filer, Relation relation, String value) {
        return relation.typed() && IdNumber.isWellFormed(value) && !new IdNumber(value).equals(filer);
    }

    /** The person named by {@code value} if the filer may name them in a field with this relation. */
    Optional<PersonFacts> pick(IdNumber filer, Relation relation, String value) {
        if (!IdNumber.isWellFormed(value)) {
            return Optional.empty();
        }
        IdNumber id = new IdNumber(value);
        if (relation.typed()) {
            // Someone else: a guest, a partner, the other parent, or the deceased — never the filer themselves.
            boolean alive = relation == Relation.ANY;
            return !looksUp(filer, relation, value) ? Optional.empty()
                    : prefill.facts(id).filter(f -> f.person().alive() == alive);
        }
        return candidates(filer, relation).stream().filter(f -> f.person().idNumber().equals(id)).findFirst();
    }
}
