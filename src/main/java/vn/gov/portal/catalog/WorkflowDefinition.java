package vn.gov.portal.catalog;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashSet;
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

    /**
     * A state of the workflow. {@code hasResult}: the dossier's result exists from here on (decided and written to
     * the registers), even if it is still to be handed over; in an interconnected group the next step starts here.
     */
    public record State(String id, int status, LocalizedText label, boolean terminal, boolean hasResult) {

        public State(String id, int status, LocalizedText label, boolean terminal) {
            this(id, status, label, terminal, false);
        }
    }

    /**
     * A transition. {@code whenRefused}: a citizen's transition whose guards refuse it fires instead this event, the
     * portal's (role SYSTEM) into a final state, since the dossier cannot go on (marriage: the partner confirms but
     * the register shows a condition of marriage unmet); null when a refusal changes nothing.
     */
    public record Transition(String event, List<String> from, String to, Set<String> roles, LocalizedText label,
                             boolean requiresNote, boolean writeBack, boolean automatic, List<String> guards,
                             boolean payment, boolean setsAmount, String whenRefused) {

        public Transition(String event, List<String> from, String to, Set<String> roles, LocalizedText label,
                          boolean requiresNote, boolean writeBack, boolean automatic, List<String> guards,
                          boolean payment, boolean setsAmount) {
            this(event, from, to, roles, label, requiresNote, writeBack, automatic, guards, payment, setsAmount, null);
        }

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

    /**
     * The states a dossier is in once its result exists: those marked {@code hasResult} and every state after them.
     * Empty when the workflow marks none (its result is then only known when it ends).
     */
    public Set<String> withResult() {
        Deque<String> pending = new ArrayDeque<>();
        states.stream().filter(State::hasResult).forEach(s -> pending.push(s.id()));
        Set<String> seen = new HashSet<>(pending);
        while (!pending.isEmpty()) {
            transitionsFrom(pending.pop()).stream().map(Transition::to).filter(seen::add).forEach(pending::push);
        }
        return seen;
    }

    /**
     * Whether a move ends a step's part in an interconnected group: its result now exists (the move enters the
     * states {@link #withResult()}), or it ended without one; moves once the result exists (handing it over) do not.
     * A workflow that marks no state with a result ends its part when it ends.
     */
    public boolean endsGroupStep(String from, String to) {
        Set<String> withResult = withResult();
        if (withResult.contains(from)) {
            return false;
        }
        return withResult.contains(to) || state(to).map(State::terminal).orElse(false);
    }

    public int statusOf(String stateId) {
        return state(stateId).orElseThrow(() -> new IllegalArgumentException("unknown state " + stateId)).status();
    }
}
