package vn.gov.portal.population.writeback;

import java.time.LocalDate;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import vn.gov.portal.population.CompletedDossier;
import vn.gov.portal.population.IdNumber;

/** Reading typed answers of a completed dossier; the answer ids a handler reads are part of its contract. */
final class Answers {

    private Answers() {
    }

    static LocalDate date(CompletedDossier dossier, String id) {
        return LocalDate.parse(dossier.answer(id));
    }

    /** The person named in the answer {@code id}, or the filer when the answer is absent or blank. */
    static IdNumber personOrApplicant(CompletedDossier dossier, String id) {
        return optionalPerson(dossier, id).orElse(dossier.applicant());
    }

    static Optional<IdNumber> optionalPerson(CompletedDossier dossier, String id) {
        return optionalPerson(dossier.answers(), id);
    }

    static Optional<IdNumber> optionalPerson(Map<String, String> answers, String id) {
        String value = id == null ? null : answers.get(id);
        return IdNumber.isWellFormed(value) ? Optional.of(new IdNumber(value)) : Optional.empty();
    }

    /**
     * The filer, then each person picked on a row of a repeated section (the person field {@code personField}:
     * answers personField_1, personField_2 … in row order, or personField when the section is not repeated), each
     * person once. The value of each is an answer beside them, "" when not given: {@code filerAnswer} (may be null)
     * for the filer, the same row's {@code rowAnswer} for the others. Residence procedures move household members
     * along with the filer this way (CT01 item 11).
     */
    static Map<IdNumber, String> filerAndRows(CompletedDossier dossier, String filerAnswer, String personField,
                                              String rowAnswer) {
        Map<IdNumber, String> people = new LinkedHashMap<>();
        people.put(dossier.applicant(), filerAnswer == null ? "" : dossier.answers().getOrDefault(filerAnswer, ""));
        rows(dossier, personField).forEach((suffix, person) -> people.putIfAbsent(person,
                dossier.answers().getOrDefault(rowAnswer + suffix, "")));
        return people;
    }

    /**
     * The people picked in the person field {@code personField}, in row order, each once: one for a field of a plain
     * section, one per filled row of a repeated one. Empty when none is given.
     */
    static List<IdNumber> people(CompletedDossier dossier, String personField) {
        return rows(dossier, personField).values().stream().distinct().toList();
    }

    /** Each filled row's person by the row's answer-id suffix ("_2"; "" outside a repeated section), in row order. */
    private static Map<String, IdNumber> rows(CompletedDossier dossier, String personField) {
        Map<String, IdNumber> rows = new LinkedHashMap<>();
        Pattern row = Pattern.compile(Pattern.quote(personField) + "(?:_(\\d{1,3}))?");
        dossier.answers().keySet().stream().map(row::matcher).filter(Matcher::matches)
                .sorted(Comparator.comparingInt(m -> m.group(1) == null ? 0 : Integer.parseInt(m.group(1))))
                .forEach(m -> optionalPerson(dossier, m.group()).ifPresent(person ->
                        rows.put(m.group(1) == null ? "" : "_" + m.group(1), person)));
        return rows;
    }
}
