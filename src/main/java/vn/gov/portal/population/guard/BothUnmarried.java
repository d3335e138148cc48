package vn.gov.portal.population.guard;

import java.util.List;
import java.util.Optional;
import org.springframework.stereotype.Component;
import vn.gov.portal.population.IdNumber;
import vn.gov.portal.population.Person;
import vn.gov.portal.population.PopulationRegister;
import vn.gov.portal.population.RegisterGuard;

/** Marriage: neither the filer nor the other party may be married according to the register. */
@Component
class BothUnmarried implements RegisterGuard {

    private final PopulationRegister register;

    BothUnmarried(PopulationRegister register) {
        this.register = register;
    }

    @Override
    public String name() {
        return "bothUnmarried";
    }

    @Override
    public java.util.Set<String> reads() {
        return java.util.Set.of(PARTY_FIELD);
    }

    @Override
    public Optional<String> refusal(Case dossier) {
        return refusals(dossier).stream().findFirst().map(Unmet::code);
    }

    /** Each party the register has married, as their own record's refusal. */
    @Override
    public List<Unmet> refusals(Case dossier) {
        return dossier.people().entrySet().stream()
                .filter(e -> IdNumber.isWellFormed(e.getValue()))
                .filter(e -> register.person(new IdNumber(e.getValue())).map(Person::maritalStatus)
                        .filter("MARRIED"::equals).isPresent())
                .map(e -> new Unmet("guard.bothUnmarried", e.getKey()))
                .toList();
    }
}
