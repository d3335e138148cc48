package vn.gov.portal.population;

import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * A check against the register that a workflow transition names in {@code guards:} — e.g. both spouses-to-be are
 * unmarried before a marriage is approved. A failing guard refuses the transition and changes nothing. What of the
 * check the filer's own record already tells may refuse the filing itself ({@link FilingCheck}).
 */
public interface RegisterGuard extends FilingCheck {

    /** Stands in {@link #reads()} for the field the workflow names as {@code party} (not a valid field id). */
    String PARTY_FIELD = "@party";

    String name();

    /** The answers the guard reads, by field id, so that a definition naming it without them is refused. */
    default Set<String> reads() {
        return Set.of();
    }

    /** The message code of the refusal, or empty when the transition may go ahead. */
    Optional<String> refusal(Case dossier);

    /**
     * Every condition unmet, each with whose record it comes from, so that each citizen of the dossier can be told
     * only of their own ({@link Unmet#toldTo}). By default the one refusal, of the dossier as a whole.
     */
    default List<Unmet> refusals(Case dossier) {
        return refusal(dossier).map(code -> List.of(new Unmet(code, Whose.BOTH))).orElse(List.of());
    }

    /** Whose record a refusal comes from: the filer's, the other party's (workflow.party), or both (their kinship). */
    enum Whose { FILER, PARTY, BOTH }

    /**
     * A condition unmet. {@code code} is the officer's message, which may name "one of the two"; a citizen reads
     * {@code code + ".own"} ("you ...") for their own record (a guard naming FILER or PARTY has that message too), the
     * code itself for what concerns both, and for the other's record alone a neutral message: a person is told
     * nothing of someone else's record.
     */
    record Unmet(String code, Whose whose) {

        /** Told to a citizen when the reason is in the other party's record only. */
        public static final String OTHERS_RECORD = "guard.othersRecord";

        /** What the citizen in this place (FILER or PARTY) is told of these refusals: the first that is theirs to know. */
        public static String toldTo(List<Unmet> refusals, Whose reader) {
            return refusals.stream().filter(r -> r.whose() == reader || r.whose() == Whose.BOTH).findFirst()
                    .map(r -> r.whose() == Whose.BOTH ? r.code() : r.code() + ".own")
                    .orElse(OTHERS_RECORD);
        }
    }
}
