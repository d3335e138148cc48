package vn.gov.portal.population.guard;

import java.time.Clock;
import java.time.LocalDate;
import java.time.Period;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import org.springframework.stereotype.Component;
import vn.gov.portal.population.IdNumber;
import vn.gov.portal.population.Person;
import vn.gov.portal.population.PopulationRegister;
import vn.gov.portal.population.RegisterGuard;
import vn.gov.portal.population.Sex;

/**
 * Marriage: the conditions of the Law on Marriage and Family 2014 (art. 8.1, art. 5.2.d) that the register can tell —
 * both alive; the man of full 20 years, the woman of full 18; not of one blood in the direct line, nor kin within
 * three generations, as the register's FATHER and MOTHER links show them. Adoptive links are not in the register.
 * Each refusal names the condition, never which relative; to a citizen, only a condition of their own record or of
 * both (RegisterGuard.Unmet).
 */
@Component
class MarriageConditions implements RegisterGuard {

    /** Law on Marriage and Family 2014 art. 8.1.a: "Nam từ đủ 20 tuổi trở lên, nữ từ đủ 18 tuổi trở lên". */
    static final Map<Sex, Integer> MINIMUM_AGE = Map.of(Sex.M, 20, Sex.F, 18);
    /** Kin within three generations share an ancestor at most this far up from each (art. 3.18: parents, grandparents). */
    static final int KIN_GENERATIONS = 2;
    /** How far up the links are followed for the direct line: the register rarely reaches further. */
    static final int DIRECT_LINE_GENERATIONS = 4;

    private static final String UNDERAGE = "guard.marriageConditions.underage";
    private static final String DIRECT_LINE = "guard.marriageConditions.directLine";

    private final PopulationRegister register;
    private final Clock clock;

    MarriageConditions(PopulationRegister register, Clock clock) {
        this.register = register;
        this.clock = clock;
    }

    @Override
    public String name() {
        return "marriageConditions";
    }

    @Override
    public Set<String> reads() {
        return Set.of(PARTY_FIELD);
    }

    /**
     * At filing, only what the filer's own record tells: their age, and the other party being their own father,
     * mother or child. The other party's age, death and wider family would be news about a person typed by number:
     * those are checked when that person confirms with their own e-ID ({@code confirm}) and again at approval. Shown
     * at the field naming the other party (a definition naming this guard has one: {@link #reads}), condition only.
     */
    @Override
    public Optional<Refusal> refusalAtFiling(Case dossier) {
        return filersOwnRecordRefuses(dossier).map(code -> new Refusal(dossier.partyField(), code, List.of()));
    }

    private Optional<String> filersOwnRecordRefuses(Case dossier) {
        String party = dossier.partyField() == null ? null : dossier.answers().get(dossier.partyField());
        Optional<Person> filer = register.person(dossier.applicant());
        if (filer.isEmpty()) {
            return Optional.empty();
        }
        if (underage(filer.get(), LocalDate.now(clock))) {
            return Optional.of(UNDERAGE);
        }
        if (!IdNumber.isWellFormed(party)) {
            return Optional.empty();
        }
        IdNumber other = new IdNumber(party);
        boolean parentOrChild = Stream.of("FATHER", "MOTHER")
                .anyMatch(r -> register.relative(dossier.applicant(), r).filter(other::equals).isPresent())
                || register.children(dossier.applicant()).contains(other);
        return parentOrChild ? Optional.of(DIRECT_LINE) : Optional.empty();
    }

    @Override
    public Optional<String> refusal(Case dossier) {
        return refusals(dossier).stream().findFirst().map(Unmet::code);
    }

    /**
     * Each condition not met, with whose record tells it: a death or an age is one person's own, the direct line and
     * kinship are of both (each one's own line holds the link). In the order of the law's conditions.
     */
    @Override
    public List<Unmet> refusals(Case dossier) {
        String party = dossier.people().get(Whose.PARTY);
        if (!IdNumber.isWellFormed(party)) {
            return List.of(); // the form's own check asks for the other party
        }
        Optional<Person> one = register.person(dossier.applicant());
        Optional<Person> other = register.person(new IdNumber(party));
        if (one.isEmpty() || other.isEmpty()) {
            return List.of();
        }
        Map<Whose, Person> both = new java.util.EnumMap<>(Map.of(Whose.FILER, one.get(), Whose.PARTY, other.get()));
        List<Unmet> refused = new ArrayList<>();
        both.forEach((whose, p) -> {
            if (!p.alive()) {
                refused.add(new Unmet("guard.marriageConditions.deceased", whose));
            }
        });
        LocalDate today = LocalDate.now(clock);
        both.forEach((whose, p) -> {
            if (underage(p, today)) {
                refused.add(new Unmet(UNDERAGE, whose));
            }
        });
        Map<IdNumber, Integer> aboveOne = ancestors(one.get().idNumber());
        Map<IdNumber, Integer> aboveOther = ancestors(other.get().idNumber());
        if (aboveOne.containsKey(other.get().idNumber()) || aboveOther.containsKey(one.get().idNumber())) {
            refused.add(new Unmet(DIRECT_LINE, Whose.BOTH));
        } else if (aboveOne.entrySet().stream().anyMatch(a -> a.getValue() <= KIN_GENERATIONS
                && aboveOther.getOrDefault(a.getKey(), Integer.MAX_VALUE) <= KIN_GENERATIONS)) {
            refused.add(new Unmet("guard.marriageConditions.closeKin", Whose.BOTH));
        }
        return refused;
    }

    private static boolean underage(Person person, LocalDate today) {
        return Period.between(person.birthDate(), today).getYears() < MINIMUM_AGE.get(person.sex());
    }

    /** The person's ancestors by the register's FATHER and MOTHER links, each with its generation (parents are 1). */
    private Map<IdNumber, Integer> ancestors(IdNumber person) {
        Map<IdNumber, Integer> found = new HashMap<>();
        List<IdNumber> generation = List.of(person);
        for (int up = 1; up <= DIRECT_LINE_GENERATIONS && !generation.isEmpty(); up++) {
            int level = up;
            generation = generation.stream()
                    .flatMap(id -> List.of("FATHER", "MOTHER").stream().flatMap(r -> register.relative(id, r).stream()))
                    .filter(parent -> found.putIfAbsent(parent, level) == null)
                    .toList();
        }
        return found;
    }
}
