package vn.gov.portal.dossier;

import java.time.Instant;

/** One line of a dossier's timeline. */
public record DossierEvent(Instant at, String actor, String actorKind, String event, String fromState, String toState,
                           Integer statusCode, String note) {

    /** The role of the other party of a dossier (workflow.party) on its timeline: their own steps, not the applicant's. */
    public static final String PARTY = "PARTY";

    /**
     * Who took the step, as the timeline names them: the kind of actor, except that a step of the dossier's other
     * party (marriage: the partner's confirm or decline) is theirs, not the applicant's, though both are citizens.
     */
    public String actorRole(Dossier dossier) {
        boolean party = "CITIZEN".equals(actorKind) && actor != null && actor.equals(dossier.partyIdNumber())
                && !actor.equals(dossier.applicantIdNumber());
        return party ? PARTY : actorKind;
    }
}
