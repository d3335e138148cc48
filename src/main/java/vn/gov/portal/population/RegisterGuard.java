package vn.gov.portal.population;

import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A check against the register that a workflow transition names in {@code guards:} — e.g. both spouses-to-be are
 * unmarried before a marriage is approved. A failing guard refuses the transition and changes nothing.
 */
public interface RegisterGuard {

    /** What the guard looks at: the filer, the answers and the id of the field naming the other party, if any. */
    record Case(IdNumber applicant, Map<String, String> answers, String partyField) {}

    /** Stands in {@link #reads()} for the field the workflow names as {@code party} (not a valid field id). */
    String PARTY_FIELD = "@party";

    String name();

    /** The answers the guard reads, by field id, so that a definition naming it without them is refused. */
    default Set<String> reads() {
        return Set.of();
    }

    /**
     * What of the same check the filing itself may already be refused for, so that the citizen learns it at once
     * rather than at the end: only from the filer's own record and links, since a refusal must not tell the filer
     * anything of a person typed by number (their age, their family). Empty by default: nothing is checked at filing.
     */
    default Optional<String> refusalAtFiling(Case dossier) {
        return Optional.empty();
    }

    /** The message code of the refusal, or empty when the transition may go ahead. */
    Optional<String> refusal(Case dossier);
}
