package vn.gov.portal.population.guard;

import java.util.Optional;
import java.util.stream.Stream;
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
        String party = dossier.partyField() == null ? null : dossier.answers().get(dossier.partyField());
        boolean married = Stream.of(dossier.applicant().value(), party)
                .filter(IdNumber::isWellFormed)
                .map(id -> register.person(new IdNumber(id)))
                .anyMatch(p -> p.map(Person::maritalStatus).filter("MARRIED"::equals).isPresent());
        return married ? Optional.of("guard.bothUnmarried") : Optional.empty();
    }
}
