package vn.gov.portal.population.guard;

import java.util.Optional;
import java.util.Set;
import org.springframework.stereotype.Component;
import vn.gov.portal.population.IdNumber;
import vn.gov.portal.population.Person;
import vn.gov.portal.population.PopulationRegister;
import vn.gov.portal.population.RegisterGuard;

/**
 * A claim that follows a death (the funeral allowance) is decided only while the register records that death: the
 * filing checked it, but a death registration can be corrected between filing and decision.
 */
@Component
class DeathRecorded implements RegisterGuard {

    private final PopulationRegister register;

    DeathRecorded(PopulationRegister register) {
        this.register = register;
    }

    @Override
    public String name() {
        return "deathRecorded";
    }

    @Override
    public Set<String> reads() {
        return Set.of("deceased");
    }

    @Override
    public Optional<String> refusal(Case dossier) {
        String deceased = dossier.answers().get("deceased");
        boolean recorded = IdNumber.isWellFormed(deceased)
                && register.person(new IdNumber(deceased)).map(Person::alive).map(alive -> !alive).orElse(false);
        return recorded ? Optional.empty() : Optional.of("guard.deathRecorded");
    }
}
