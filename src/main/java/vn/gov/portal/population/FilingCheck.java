package vn.gov.portal.population;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What a check of the register run later on a dossier — a workflow's guard ({@link RegisterGuard}), the write-back
 * at its approval ({@link WriteBackHandler}) — can already refuse when the citizen files it, so that they learn at once
 * rather than from an officer days later, and nothing is stored. Only from the filer's own record and links: a
 * refusal must not tell the filer anything of a person typed by number (their age, their family, their children);
 * that waits for the later check, which sees everything. Read without locks: the later check runs all the same.
 */
public interface FilingCheck {

    /** What is checked: the filer, the answers and the id of the field naming the other party, if any. */
    record Case(IdNumber applicant, Map<String, String> answers, String partyField) {

        /** The filer's ID number and the other party's as answered (null if none), by their place in the dossier. */
        public Map<RegisterGuard.Whose, String> people() {
            Map<RegisterGuard.Whose, String> people = new java.util.EnumMap<>(RegisterGuard.Whose.class);
            people.put(RegisterGuard.Whose.FILER, applicant.value());
            people.put(RegisterGuard.Whose.PARTY, partyField == null ? null : answers.get(partyField));
            return people;
        }
    }

    /** Why the filing is refused: the answer it is shown at, a message code of the portal's bundles and its arguments. */
    record Refusal(String answer, String code, List<Object> args) {}

    /** Empty by default: nothing is refused at filing. */
    default Optional<Refusal> refusalAtFiling(Case dossier) {
        return Optional.empty();
    }
}
