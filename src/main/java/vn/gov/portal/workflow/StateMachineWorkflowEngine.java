package vn.gov.portal.workflow;

import java.util.HashSet;
import java.util.Optional;
import java.util.Set;
import org.springframework.messaging.support.MessageBuilder;
import org.springframework.statemachine.StateMachine;
import org.springframework.statemachine.StateMachineEventResult;
import org.springframework.statemachine.config.StateMachineBuilder;
import org.springframework.statemachine.support.DefaultStateMachineContext;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;
import vn.gov.portal.catalog.WorkflowDefinition;
import vn.gov.portal.catalog.WorkflowDefinition.State;
import vn.gov.portal.catalog.WorkflowDefinition.Transition;

/**
 * spring-statemachine behind {@link WorkflowEngine}. A machine is built from the definition for each decision and
 * restored to the dossier's persisted state: machines are not thread-safe, the state lives in the database, and a
 * build of a few states costs far less than the surrounding transaction.
 */
@Component
class StateMachineWorkflowEngine implements WorkflowEngine {

    private static final String ROLES = "roles";

    @Override
    public Optional<String> next(WorkflowDefinition workflow, String current, String event, Set<String> actorRoles) {
        if (workflow.state(current).isEmpty()) {
            return Optional.empty();
        }
        StateMachine<String, String> machine = build(workflow);
        machine.getStateMachineAccessor().doWithAllRegions(access -> access
                .resetStateMachineReactively(new DefaultStateMachineContext<>(current, null, null, null)).block());
        machine.startReactively().block();
        try {
            StateMachineEventResult<String, String> result = machine
                    .sendEvent(Mono.just(MessageBuilder.withPayload(event).setHeader(ROLES, Set.copyOf(actorRoles)).build()))
                    .blockLast();
            if (result == null || result.getResultType() != StateMachineEventResult.ResultType.ACCEPTED) {
                return Optional.empty();
            }
            String reached = machine.getState().getId();
            return reached.equals(current) ? Optional.empty() : Optional.of(reached);
        } finally {
            machine.stopReactively().block();
        }
    }

    private static StateMachine<String, String> build(WorkflowDefinition workflow) {
        try {
            StateMachineBuilder.Builder<String, String> builder = StateMachineBuilder.builder();
            builder.configureConfiguration().withConfiguration().autoStartup(false);
            var states = builder.configureStates().withStates().initial(workflow.initial());
            Set<String> ids = new HashSet<>();
            for (State state : workflow.states()) {
                ids.add(state.id());
                if (state.terminal()) {
                    states.end(state.id());
                }
            }
            states.states(ids);
            var transitions = builder.configureTransitions();
            for (Transition transition : workflow.transitions()) {
                for (String from : transition.from()) {
                    transitions.withExternal().source(from).target(transition.to()).event(transition.event())
                            .guard(context -> {
                                Object roles = context.getMessageHeader(ROLES);
                                return roles instanceof Set<?> set && set.stream().anyMatch(transition.roles()::contains);
                            });
                }
            }
            return builder.build();
        } catch (Exception e) {
            throw new IllegalStateException("cannot build the state machine of a workflow", e);
        }
    }
}
