package vn.gov.portal.catalog;

import java.util.List;
import java.util.Optional;
import java.util.Set;

/** The states of a dossier (each with its national status code 1-10) and the transitions officers may fire. */
public record WorkflowDefinition(String initial, List<State> states, List<Transition> transitions) {

    public record State(String id, int status, LocalizedText label, boolean terminal) {}

    public record Transition(String event, List<String> from, String to, Set<String> roles, LocalizedText label,
                             boolean requiresNote, boolean writeBack) {

        public boolean allows(Set<String> actorRoles) {
            return actorRoles.stream().anyMatch(roles::contains);
        }
    }

    public Optional<State> state(String id) {
        return states.stream().filter(s -> s.id().equals(id)).findFirst();
    }

    public Optional<Transition> transition(String from, String event) {
        return transitions.stream().filter(t -> t.event().equals(event) && t.from().contains(from)).findFirst();
    }

    public List<Transition> transitionsFrom(String state) {
        return transitions.stream().filter(t -> t.from().contains(state)).toList();
    }

    public int statusOf(String stateId) {
        return state(stateId).orElseThrow(() -> new IllegalArgumentException("unknown state " + stateId)).status();
    }
}
