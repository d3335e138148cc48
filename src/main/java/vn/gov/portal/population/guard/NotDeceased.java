package vn.gov.portal.population.guard;

import java.util.Optional;
import org.springframework.stereotype.Component;
import vn.gov.portal.population.IdNumber;
import vn.gov.portal.population.Person;
import vn.gov.portal.population.PopulationRegister;
import vn.gov.portal.population.RegisterGuard;

/** A death is registered once: the person in 'deceased' must still be alive in the register. */
@Component
class NotDeceased implements RegisterGuard {

    private final PopulationRegister register;

    NotDeceased(PopulationRegister register) {
        this.register = register;
    }

    @Override
    public String name() {
        return "notDeceased";
    }

    @Override
    public java.util.Set<String> reads() {
        return java.util.Set.of("deceased");
    }

    @Override
    public Optional<String> refusal(Case dossier) {
        String deceased = dossier.answers().get("deceased");
        IdNumber person = IdNumber.isWellFormed(deceased) ? new IdNumber(deceased) : dossier.applicant();
        boolean alreadyDead = register.person(person).map(Person::alive).map(alive -> !alive).orElse(true);
        return alreadyDead ? Optional.of("guard.notDeceased") : Optional.empty();
    }
}
