package vn.gov.portal.dossier;

import java.time.Clock;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import org.springframework.stereotype.Component;
import vn.gov.portal.catalog.FormField;
import vn.gov.portal.catalog.ProcedureDefinition;
import vn.gov.portal.population.AdminUnit;
import vn.gov.portal.population.PopulationRegister;

/** Checks a citizen's answers against the rules of the procedure's form. Every problem is reported, not the first. */
@Component
class AnswerValidator {

    private static final Pattern EMAIL = Pattern.compile("[^@\\s]+@[^@\\s]+\\.[^@\\s]+");
    private static final Pattern PHONE = Pattern.compile("0\\d{9,10}");
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("dd/MM/yyyy");
    private static final Pattern CONTROL = Pattern.compile("[\\p{Cc}&&[^\\r\\n\\t]]");

    private final PopulationRegister register;
    private final Clock clock;

    AnswerValidator(PopulationRegister register, Clock clock) {
        this.register = register;
        this.clock = clock;
    }

    List<FieldProblem> validate(FilledForm form) {
        List<FieldProblem> problems = new ArrayList<>();
        Map<String, String> answers = form.values();
        for (ProcedureDefinition.FormSection section : form.definition().sections()) {
            if (!form.applies(section)) {
                continue;
            }
            for (FormField field : section.fields()) {
                if (field.locked()) {
                    continue;
                }
                List<String> ids = section.answerIds(field);
                for (int row = 0; row < ids.size(); row++) {
                    // In a repeated section the rows to fill (minRows) and the rows begun are complete; others may stay empty.
                    int before = problems.size();
                    boolean required = field.required()
                            && section.rowRequired(row, id -> !answers.getOrDefault(id, "").isBlank());
                    check(field, ids.get(row), required, answers, form, problems);
                    for (int i = before; ids.size() > 1 && i < problems.size(); i++) {
                        problems.set(i, problems.get(i).inRow(row + 1));   // the message says which row
                    }
                }
            }
        }
        return problems;
    }

    private void check(FormField field, String id, boolean required, Map<String, String> answers, FilledForm form,
                       List<FieldProblem> problems) {
        String value = answers.getOrDefault(id, "");
        if (value.isBlank()) {
            if (required) {
                problems.add(FieldProblem.of(id, "validation.required", field.label()));
            }
            return;
        }
        if (value.length() > field.maxLength()) {
            problems.add(FieldProblem.of(id, "validation.maxLength", field.label(), field.maxLength()));
            return;
        }
        if (CONTROL.matcher(value).find()) {
            problems.add(FieldProblem.of(id, "validation.characters", field.label()));
            return;
        }
        if (field.pattern() != null && !Pattern.compile(field.pattern()).matcher(value).matches()) {
            problems.add(field.patternMessage().isBlank() ? FieldProblem.of(id, "validation.format", field.label())
                    : FieldProblem.text(id, field.patternMessage()));
            return;
        }
        switch (field.type()) {
            case EMAIL -> {
                if (!EMAIL.matcher(value).matches()) {
                    problems.add(FieldProblem.of(id, "validation.email", field.label()));
                }
            }
            case PHONE -> {
                if (!PHONE.matcher(value).matches()) {
                    problems.add(FieldProblem.of(id, "validation.phone", field.label()));
                }
            }
            case SELECT -> {
                if (field.options().stream().noneMatch(o -> o.value().equals(value))) {
                    problems.add(FieldProblem.of(id, "validation.option", field.label()));
                }
            }
            case PROVINCE -> {
                if (register.unit(value).filter(u -> u.parentCode() == null).isEmpty()) {
                    problems.add(FieldProblem.of(id, "validation.province", field.label()));
                }
            }
            case COMMUNE -> {
                String province = answers.getOrDefault(field.provinceField(), "");
                Optional<AdminUnit> commune = register.unit(value).filter(u -> u.parentCode() != null);
                if (commune.isEmpty() || !commune.get().parentCode().equals(province)) {
                    problems.add(FieldProblem.of(id, "validation.commune", field.label()));
                }
            }
            case DATE -> checkDate(field, id, value, form, problems);
            case NUMBER -> checkNumber(field, id, value, problems);
            case CHECKBOX -> {
                if (!value.equals("true")) {
                    problems.add(FieldProblem.of(id, "validation.option", field.label()));
                }
            }
            case PERSON -> {
                if (form.refusedLookups().containsKey(id)) {
                    problems.add(form.refusedLookups().get(id));
                } else if (!form.picked().containsKey(id)) {
                    problems.add(FieldProblem.of(id, switch (field.relation()) {
                        case ANY -> "validation.personUnknown";
                        case DECEASED -> "validation.deceasedUnknown";
                        default -> "validation.person";
                    }, field.label()));
                }
            }
            default -> { }
        }
    }

    private static void checkNumber(FormField field, String id, String value, List<FieldProblem> problems) {
        try {
            long number = Long.parseLong(value);
            if ((field.min() != null && number < field.min()) || (field.max() != null && number > field.max())) {
                problems.add(FieldProblem.of(id, "validation.range", field.label(),
                        field.min() == null ? "" : field.min(), field.max() == null ? "" : field.max()));
            }
        } catch (NumberFormatException e) {
            problems.add(FieldProblem.of(id, "validation.number", field.label()));
        }
    }

    private void checkDate(FormField field, String id, String value, FilledForm form, List<FieldProblem> problems) {
        Map<String, String> answers = form.values();
        LocalDate date = parse(value);
        if (date == null || date.getYear() < 1900 || date.getYear() > 2200) {
            problems.add(FieldProblem.of(id, "validation.date", field.label()));
            return;
        }
        if ("today".equals(field.notBefore()) && date.isBefore(LocalDate.now(clock))) {
            problems.add(FieldProblem.of(id, "validation.notBeforeToday", field.label()));
        }
        if ("today".equals(field.notAfter()) && date.isAfter(LocalDate.now(clock))) {
            problems.add(FieldProblem.of(id, "validation.notAfterToday", field.label()));
        }
        if (field.maxDaysAhead() != null && date.isAfter(LocalDate.now(clock).plusDays(field.maxDaysAhead()))) {
            LocalDate latest = LocalDate.now(clock).plusDays(field.maxDaysAhead());
            problems.add(FieldProblem.of(id, "validation.maxDaysAhead", field.label(), field.maxDaysAhead(),
                    latest.format(DAY)));
        }
        if (field.notBeforeBirthOf() != null) {
            // Only the name is said, never the birth date: the person may have been typed by number (relation ANY).
            form.peopleIn(field.notBeforeBirthOf()).stream().filter(p -> date.isBefore(p.person().birthDate()))
                    .forEach(p -> problems.add(FieldProblem.of(id, "validation.beforeBirth", field.label(),
                            p.person().fullName())));
        }
        if (field.after() != null) {
            LocalDate start = parse(answers.getOrDefault(field.after(), ""));
            if (start != null && !date.isAfter(start)) {
                problems.add(FieldProblem.of(id, "validation.after", field.label()));
            } else if (start != null && field.maxYearsAfter() != null && date.isAfter(start.plusYears(field.maxYearsAfter()))) {
                problems.add(FieldProblem.of(id, "validation.maxYears", field.label(), field.maxYearsAfter()));
            }
        }
    }

    private static LocalDate parse(String value) {
        try {
            return LocalDate.parse(value);
        } catch (DateTimeParseException e) {
            return null;
        }
    }
}
