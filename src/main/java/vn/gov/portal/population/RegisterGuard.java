package vn.gov.portal.population;

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
}
