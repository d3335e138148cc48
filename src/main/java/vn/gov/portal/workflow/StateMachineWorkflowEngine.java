package vn.gov.portal.workflow;

import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
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
 * spring-statemachine behind {@link WorkflowEngine}. The state lives in the database: for each decision a machine of
 * the dossier's workflow is restored to the dossier's state, sent the event and stopped. Machines are not thread-safe,
 * so each decision has one to itself; building one took most of a decision's CPU (docs/performance.md, scenario 5),
 * so stopped machines are kept for the next decision on the same workflow, a few per workflow.
 */
@Component
class StateMachineWorkflowEngine implements WorkflowEngine {

    private static final String ROLES = "roles";
    private static final int IDLE_PER_WORKFLOW = 8;
    private static final int MAX_WORKFLOWS = 200;

    /** Stopped machines by workflow content (an edited workflow gets machines of its own). */
    private final Map<WorkflowDefinition, Queue<StateMachine<String, String>>> idle = new ConcurrentHashMap<>();

    @Override
    public Optional<String> next(WorkflowDefinition workflow, String current, String event, Set<String> actorRoles) {
        if (workflow.state(current).isEmpty()) {
            return Optional.empty();
        }
        if (idle.size() > MAX_WORKFLOWS) {
            idle.clear();
        }
        Queue<StateMachine<String, String>> spare = idle.computeIfAbsent(workflow, w -> new ConcurrentLinkedQueue<>());
        StateMachine<String, String> machine = Optional.ofNullable(spare.poll()).orElseGet(() -> build(workflow));
        boolean clean = false;
        machine.getStateMachineAccessor().doWithAllRegions(access -> access
                .resetStateMachineReactively(new DefaultStateMachineContext<>(current, null, null, null)).block());
        machine.startReactively().block();
        try {
            StateMachineEventResult<String, String> result = machine
                    .sendEvent(Mono.just(MessageBuilder.withPayload(event).setHeader(ROLES, Set.copyOf(actorRoles)).build()))
                    .blockLast();
            String reached = machine.getState().getId();
            // A machine that reached an end state has completed and does not come back from a reset: not kept.
            clean = !machine.isComplete() && workflow.state(reached).map(state -> !state.terminal()).orElse(false);
            if (result == null || result.getResultType() != StateMachineEventResult.ResultType.ACCEPTED) {
                return Optional.empty();
            }
            return reached.equals(current) ? Optional.empty() : Optional.of(reached);
        } finally {
            machine.stopReactively().block();
            // A machine that failed half-way is dropped too; the others are reset to the next dossier's state.
            if (clean && spare.size() < IDLE_PER_WORKFLOW) {
                spare.offer(machine);
            }
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
