package vn.gov.portal.dossier;

/**
 * A dossier moved through its workflow. Published by {@link Decisions} inside the transaction of the move; listeners
 * that write must run synchronously in it, so that what they write commits with the move or not at all.
 *
 * @param before     the dossier as it was before the move
 * @param eventId    the timeline event recording the move
 * @param note       what the actor wrote (the reason, what is missing), empty if nothing
 * @param supplementDue by when the citizen is asked to answer, for a move into supplementation; else null
 * @param actor      who moved it, as the timeline records it: a citizen's ID number, an officer's login, or
 *                   {@code portal} / {@code payment}
 * @param refused    the conditions of the register that refused a citizen's step, when the portal ended the dossier
 *                   for them (workflow whenRefused); else empty. Each citizen may be told only their own part.
 */
public record DossierMoved(Dossier before, long eventId, String event, int fromStatus, int toStatus, String note,
                           java.time.LocalDate supplementDue, String actor,
                           java.util.List<vn.gov.portal.population.RegisterGuard.Unmet> refused) {}
