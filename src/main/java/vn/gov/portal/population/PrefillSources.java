package vn.gov.portal.population;

import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import org.springframework.stereotype.Component;

/**
 * The register values a form field may be prefilled from, by the name definitions use (e.g. {@code person.fullName}).
 * Values are strings in the form's own format (dates ISO yyyy-MM-dd, sex M/F).
 */
@Component
public class PrefillSources {

    /** What the register knows about the person filing: the person and their household. */
    public record Subject(Person person, Optional<Household> household) {}

    private static final Map<String, Function<Subject, String>> SOURCES = new LinkedHashMap<>();

    static {
        SOURCES.put("person.fullName", s -> s.person().fullName());
        SOURCES.put("person.idNumber", s -> s.person().idNumber().value());
        SOURCES.put("person.birthDate", s -> s.person().birthDate().format(DateTimeFormatter.ISO_LOCAL_DATE));
        SOURCES.put("person.sex", s -> s.person().sex().name());
        SOURCES.put("person.ethnicity", s -> s.person().ethnicity());
        SOURCES.put("person.religion", s -> s.person().religion());
        SOURCES.put("person.nationality", s -> s.person().nationality());
        SOURCES.put("person.homeTown", s -> s.person().homeTown());
        SOURCES.put("person.phone", s -> s.person().phone());
        SOURCES.put("person.email", s -> s.person().email());
        SOURCES.put("household.headName", s -> s.household().map(Household::headName).orElse(""));
        SOURCES.put("household.headIdNumber", s -> s.household().map(h -> h.headIdNumber().value()).orElse(""));
        SOURCES.put("household.relationToHead",
                s -> s.household().map(h -> h.relationOf(s.person().idNumber())).orElse(""));
    }

    private final PopulationRegister register;

    public PrefillSources(PopulationRegister register) {
        this.register = register;
    }

    public static Set<String> names() {
        return SOURCES.keySet();
    }

    public Optional<Subject> subject(IdNumber idNumber) {
        return register.person(idNumber).map(p -> new Subject(p, register.householdOf(idNumber)));
    }

    public static String value(String source, Subject subject) {
        Function<Subject, String> read = SOURCES.get(source);
        if (read == null) {
            throw new IllegalArgumentException("unknown prefill source " + source);
        }
        String value = read.apply(subject);
        return value == null ? "" : value;
    }
}
