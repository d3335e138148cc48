package vn.gov.portal.dossier;

import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.springframework.context.MessageSource;
import org.springframework.stereotype.Component;
import vn.gov.portal.catalog.FormField;
import vn.gov.portal.catalog.FormField.FieldType;
import vn.gov.portal.catalog.ProcedureDefinition;
import vn.gov.portal.catalog.ProcedureDefinition.FormSection;
import vn.gov.portal.population.PopulationRegister;

/**
 * The answers of a dossier or a form as its pages show them (fragments/dossier.html, "answers"): option values with
 * their labels, ISO dates as dd/MM/yyyy, a ticked box as "Có", a person typed by number with the name looked up, communes and provinces
 * with their names, and which answers the register vouches for. Worked out once here rather than by a dozen page
 * expressions per answer: rendering was half of a dossier page's CPU (docs/performance.md).
 *
 * <p>Pages call it with a dossier or a form, never with maps: a page expression converts every map or set it passes to a
 * method entry by entry, which for the names of all the country's units was a large share of a dossier page's CPU.
 */
@Component("answerSheets")
public class AnswerSheets {

    private final PopulationRegister register;
    private final MessageSource messages;

    AnswerSheets(PopulationRegister register, MessageSource messages) {
        this.register = register;
        this.messages = messages;
    }

    private static final Pattern ISO_DATE = Pattern.compile("[0-9]{4}-[0-9]{2}-[0-9]{2}");
    private static final DateTimeFormatter SHOWN_DATE = DateTimeFormatter.ofPattern("dd/MM/yyyy");

    /** A section of the form with the rows to show. */
    public record Section(FormSection section, String title, List<Row> rows) {}

    /**
     * One answer: {@code number} counts repetitions of a repeated section (null when the section is not repeated),
     * {@code value} is the answer as shown (empty when none was given); for a commune or province {@code value} is its
     * code and {@code unitName} its name.
     */
    public record Row(String answerId, String label, Integer number, String value, boolean unit, String unitName,
                      boolean fromRegister) {

        public boolean empty() {
            return value.isEmpty();
        }
    }

    /**
     * A dossier's answers, communes and provinces with their names; the answers meant for officers only
     * ({@link FormField#officersOnly()}) are left out unless {@code officerView}.
     */
    public List<Section> of(Dossier dossier, ProcedureDefinition procedure, boolean officerView, Locale locale) {
        return of(dossier.answers(), dossier.prefilled(), procedure, register.unitNames(), null, officerView, locale);
    }

    /**
     * A form's answers before it is submitted, people typed by number with the names looked up for them. The form is
     * the citizen's: answers meant for officers only are never in it ({@code officerView} is for the page fragment).
     */
    public List<Section> of(Filing.FormState form, ProcedureDefinition procedure, boolean officerView, Locale locale) {
        return of(form.answers(), form.prefilled(), procedure, register.unitNames(), form.personNames(), false, locale);
    }

    List<Section> of(Map<String, String> answers, Set<String> prefilled, ProcedureDefinition procedure,
                     Map<String, String> units, Map<String, String> personNames, Locale locale) {
        return of(answers, prefilled, procedure, units, personNames, true, locale);
    }

    /**
     * The sections in the definition's order. A repeated answer beyond the first is listed only when given.
     * {@code units} (code → name) and {@code personNames} (answer id → name) may be null: codes and numbers are then
     * shown alone.
     */
    private List<Section> of(Map<String, String> answers, Set<String> prefilled, ProcedureDefinition procedure,
                             Map<String, String> units, Map<String, String> personNames, boolean officerView,
                             Locale locale) {
        List<Section> sections = new ArrayList<>();
        for (FormSection section : procedure.sections()) {
            List<Row> rows = new ArrayList<>();
            for (FormField field : section.fields()) {
                if (field.officersOnly() && !officerView) {
                    continue;
                }
                List<String> ids = section.answerIds(field);
                for (int i = 0; i < ids.size(); i++) {
                    String id = ids.get(i);
                    String given = answers == null || answers.get(id) == null ? "" : answers.get(id).strip();
                    if (i > 0 && given.isEmpty()) {
                        continue;
                    }
                    boolean unit = units != null && (field.type() == FieldType.COMMUNE || field.type() == FieldType.PROVINCE);
                    rows.add(new Row(id, field.label().in(locale), ids.size() > 1 ? i + 1 : null,
                            given.isEmpty() || unit ? given : shown(field, id, given, personNames, locale), unit,
                            unit && !given.isEmpty() ? units.get(given) : null,
                            prefilled != null && prefilled.contains(id)));
                }
            }
            sections.add(new Section(section, section.title().in(locale), rows));
        }
        return sections;
    }

    /**
     * One answer of a dossier as a page or a form the citizen receives shows it (a select's label, a date as
     * dd/MM/yyyy); empty when none was given, and for an answer meant for officers only.
     */
    public String answer(Dossier dossier, FormField field, Locale locale) {
        if (field.officersOnly()) {
            return "";
        }
        String given = dossier.answers().get(field.id());
        return given == null || given.isBlank() ? "" : shown(field, field.id(), given.strip(), null, locale);
    }

    private static String date(String value) {
        if (!ISO_DATE.matcher(value).matches()) {
            return value;
        }
        try {
            return LocalDate.parse(value).format(SHOWN_DATE);
        } catch (DateTimeParseException e) {
            return value;
        }
    }

    private String shown(FormField field, String answerId, String value, Map<String, String> personNames,
                                Locale locale) {
        return switch (field.type()) {
            case SELECT -> field.options().stream().filter(o -> o.value().equals(value)).findFirst()
                    .map(o -> o.label().in(locale)).orElse(value);
            case DATE -> date(value);
            // A ticked box (a consent, a declaration) reads as a word, not as the form's value "true".
            case CHECKBOX -> "true".equals(value) ? messages.getMessage("dossier.ticked", null, locale) : value;
            case PERSON -> personNames != null && personNames.get(answerId) != null
                    ? value + " – " + personNames.get(answerId) : value;
            default -> value;
        };
    }
}
