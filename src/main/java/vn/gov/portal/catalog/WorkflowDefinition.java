package vn.gov.portal.catalog;

import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The states of a dossier (each with its national status code 1-10) and the transitions that move it. Officers
 * fire transitions through their roles; the filer as APPLICANT, the person named in {@code party} as PARTY, and the
 * portal itself as SYSTEM ({@code automatic} transitions run as soon as their state is reached). A {@code payment}
 * transition is the applicant's, but fires only when the payment gateway confirms the payment, never from a button.
 * A {@code setsAmount} transition is an officer's that confirms the amount the applicant then pays (a penalty
 * decision checked in the agency's own system): its form asks for the amount, and the dossier keeps it.
 */
public record WorkflowDefinition(String initial, String party, List<State> states, List<Transition> transitions) {

    public static final Set<String> OFFICER_ROLES = Set.of("RECEIVER", "HANDLER", "APPROVER");
    public static final String APPLICANT = "APPLICANT";
    public static final String PARTY = "PARTY";
    public static final String SYSTEM = "SYSTEM";
    /**
     * The portal's guard of the automatic step that skips a payment state when the dossier owes nothing (on time, or
     * an exemption ground declared): the same question as the payment's amount, asked of the dossier.
     */
    public static final String NO_FEE_DUE = "noFeeDue";

    public record State(String id, int status, LocalizedText label, boolean terminal) {}

    public record Transition(String event, List<String> from, String to, Set<String> roles, LocalizedText label,
                             boolean requiresNote, boolean writeBack, boolean automatic, List<String> guards,
                             boolean payment, boolean setsAmount) {

        public boolean allows(Set<String> actorRoles) {
            return actorRoles.stream().anyMatch(roles::contains);
        }

        public boolean byOfficer() {
            return roles.stream().anyMatch(OFFICER_ROLES::contains);
        }

        /** Leaves the wait for the fee: the gateway's payment, or the portal's step when nothing is due. */
        public boolean settlesFee() {
            return payment || (automatic && guards.contains(NO_FEE_DUE));
        }
    }

    public Optional<State> state(String id) {
        return states.stream().filter(s -> s.id().equals(id)).findFirst();
    }

    public Optional<Transition> transition(String from, String event) {
        return transitions.stream().filter(t -> t.event().equals(event) && t.from().contains(from)).findFirst();
    }

    /**
     * What a step of the timeline is called: the label of the transition it took (from its state, else of any with
     * the event, as an event may leave several states); null for an event this workflow has no transition for.
     */
    public LocalizedText eventLabel(String from, String event) {
        return transition(from, event).or(() -> transitions.stream().filter(t -> t.event().equals(event)).findFirst())
                .map(Transition::label).orElse(null);
    }

    public List<Transition> transitionsFrom(String state) {
        return transitions.stream().filter(t -> t.from().contains(state)).toList();
    }

    /** The automatic transition out of a state, if the portal moves dossiers on from there by itself. */
    public Optional<Transition> automaticFrom(String state) {
        return transitionsFrom(state).stream().filter(Transition::automatic).findFirst();
    }

    /** Whether dossiers in this state wait for the applicant's payment (a payment transition leaves it). */
    public boolean awaitsFee(String state) {
        return transitionsFrom(state).stream().anyMatch(Transition::payment);
    }

    /** Whether dossiers in this state wait for the other party (a PARTY transition leaves it: marriage, the partner). */
    public boolean awaitsParty(String state) {
        return transitionsFrom(state).stream().anyMatch(t -> t.roles().contains(PARTY));
    }

    public int statusOf(String stateId) {
        return state(stateId).orElseThrow(() -> new IllegalArgumentException("unknown state " + stateId)).status();
    }
}
