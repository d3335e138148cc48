package vn.gov.portal.population;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import org.springframework.stereotype.Component;

/**
 * The register values a form field may be prefilled from, by the names definitions use: {@code person.fullName}
 * (the filer), {@code spouse.*}, {@code father.*}, {@code mother.*} (the filer's links), {@code household.*}, and
 * {@code <person field>.*} for someone the filer picked in the form. Values are strings in the form's own format
 * (dates ISO yyyy-MM-dd, sex M/F).
 */
@Component
public class PrefillSources {

    /** Who prefill is about: the filer, their household and their father, mother and spouse. */
    public record Subject(PersonFacts filer, Optional<Household> household, Map<String, PersonFacts> relatives) {}

    private static final List<String> RELATIVES = List.of("spouse", "father", "mother");
    private static final Set<String> HOUSEHOLD = Set.of("headName", "headIdNumber", "relationToHead", "address", "number");

    private final PopulationRegister register;

    public PrefillSources(PopulationRegister register) {
        this.register = register;
    }

    /** Whether a definition may use this source; {@code personFields} are the ids of its person fields. */
    public static boolean isKnown(String source, Set<String> personFields) {
        int dot = source.indexOf('.');
        if (dot < 0) {
            return false;
        }
        String owner = source.substring(0, dot);
        String attribute = source.substring(dot + 1);
        if (owner.equals("household")) {
            return HOUSEHOLD.contains(attribute);
        }
        return (owner.equals("person") || RELATIVES.contains(owner) || personFields.contains(owner))
                && PersonFacts.isAttribute(attribute);
    }

    /** The person field a source reads from, if it is one ({@code deceased.fullName} → deceased). */
    public static Optional<String> personFieldOf(String source, Set<String> personFields) {
        String owner = source.substring(0, Math.max(0, source.indexOf('.')));
        return personFields.contains(owner) ? Optional.of(owner) : Optional.empty();
    }

    /**
     * The filer with household and family, read in one statement whatever the family's size: every form page and
     * submission needs it.
     */
    public Optional<Subject> subject(IdNumber idNumber) {
        PopulationRegister.Family family = register.family(idNumber);
        Map<IdNumber, PersonFacts> facts = facts(family.people(), family.residences());
        return Optional.ofNullable(facts.get(idNumber)).map(filer -> {
            Map<String, PersonFacts> relatives = new LinkedHashMap<>();
            for (String relation : RELATIVES) {
                Optional.ofNullable(family.links().get(relation.toUpperCase())).map(facts::get)
                        .ifPresent(f -> relatives.put(relation, f));
            }
            return new Subject(filer, family.household(), relatives);
        });
    }

    public Optional<PersonFacts> facts(IdNumber idNumber) {
        return facts(List.of(idNumber)).stream().findFirst();
    }

    /**
     * Several people's facts, in the order asked (those the register does not hold left out): two statements however
     * many, for the household members a form offers in a select.
     */
    public List<PersonFacts> facts(List<IdNumber> idNumbers) {
        if (idNumbers.isEmpty()) {
            return List.of();
        }
        Map<IdNumber, PersonFacts> found = facts(register.people(idNumbers), register.residencesOf(idNumbers));
        return idNumbers.stream().map(found::get).filter(Objects::nonNull).toList();
    }

    private Map<IdNumber, PersonFacts> facts(Map<IdNumber, Person> people, Map<IdNumber, List<Residence>> residences) {
        Map<IdNumber, PersonFacts> facts = new LinkedHashMap<>();
        people.forEach((id, person) -> {
            Optional<Residence> permanent = residences.getOrDefault(id, List.of()).stream()
                    .filter(r -> r.kind() == Residence.Kind.PERMANENT).findFirst();
            facts.put(id, new PersonFacts(person, permanent, permanent.map(register::describe).orElse("")));
        });
        return facts;
    }

    /**
     * The value of a source for this subject; {@code picked} gives the person chosen in a person field of the form
     * (empty when nobody valid is chosen yet, which yields an empty value).
     */
    public static String value(String source, Subject subject, Function<String, Optional<PersonFacts>> picked) {
        int dot = source.indexOf('.');
        String owner = source.substring(0, dot);
        String attribute = source.substring(dot + 1);
        String value = switch (owner) {
            case "person" -> subject.filer().attribute(attribute);
            case "household" -> household(attribute, subject);
            default -> {
                PersonFacts facts = RELATIVES.contains(owner) ? subject.relatives().get(owner)
                        : picked.apply(owner).orElse(null);
                yield facts == null ? "" : facts.attribute(attribute);
            }
        };
        return value == null ? "" : value;
    }

    private static String household(String attribute, Subject subject) {
        return subject.household().map(h -> switch (attribute) {
            case "headName" -> h.headName();
            case "headIdNumber" -> h.headIdNumber() == null ? "" : h.headIdNumber().value();
            case "relationToHead" -> h.relationOf(subject.filer().person().idNumber());
            case "address" -> h.addressDetail();
            case "number" -> String.valueOf(h.id());   // the register's number of the household, which a dossier is about
            default -> "";
        }).orElse("");
    }
}
