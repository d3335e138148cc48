package vn.gov.portal.dossier;

import java.time.Instant;

/** One line of a dossier's timeline. */
public record DossierEvent(Instant at, String actor, String actorKind, String event, String fromState, String toState,
                           Integer statusCode, String note) {}
