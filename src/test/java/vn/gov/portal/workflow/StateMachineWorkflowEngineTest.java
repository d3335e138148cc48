package vn.gov.portal.workflow;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import vn.gov.portal.catalog.DefinitionParser;
import vn.gov.portal.catalog.WorkflowDefinition;

class StateMachineWorkflowEngineTest {

    private static WorkflowDefinition workflow;
    private final WorkflowEngine engine = new StateMachineWorkflowEngine();

    @BeforeAll
    static void load() throws Exception {
        workflow = new DefinitionParser(Set.of("temporary-residence"), Set.of())
                .parse("temporary-residence.yaml", Files.readString(Path.of("workflows/temporary-residence.yaml")))
                .definition().workflow();
    }

    @Test
    void theReceiverReceivesANewDossier() {
        assertThat(engine.next(workflow, "submitted", "receive", Set.of("RECEIVER"))).contains("received");
    }

    @Test
    void approvalBeforeReceiptIsRefused() {
        assertThat(engine.next(workflow, "submitted", "approve", Set.of("APPROVER"))).isEmpty();
    }

    @Test
    void aRoleTheTransitionDoesNotNameIsRefused() {
        assertThat(engine.next(workflow, "processing", "approve", Set.of("HANDLER", "RECEIVER"))).isEmpty();
        assertThat(engine.next(workflow, "processing", "approve", Set.of("APPROVER"))).contains("approved");
    }

    @Test
    void refusalAtIntakeIsStatusThreeAndStoppingLaterIsStatusEight() {
        assertThat(engine.next(workflow, "submitted", "refuse", Set.of("RECEIVER"))).contains("refused");
        assertThat(engine.next(workflow, "received", "refuse", Set.of("RECEIVER"))).isEmpty();
        for (String state : new String[] {"received", "processing"}) {
            assertThat(engine.next(workflow, state, "stop", Set.of("APPROVER"))).contains("stopped");
        }
        assertThat(engine.next(workflow, "approved", "stop", Set.of("APPROVER"))).isEmpty();
        assertThat(workflow.statusOf("refused")).isEqualTo(3);
        assertThat(workflow.statusOf("stopped")).isEqualTo(8);
    }

    @Test
    void machinesKeptForReuseGiveEveryDecisionItsOwnDossierStateAlsoUnderConcurrency() throws Exception {
        // A machine that reached an end state, or refused an event, is restored to the next dossier's state.
        assertThat(engine.next(workflow, "submitted", "refuse", Set.of("RECEIVER"))).contains("refused");
        assertThat(engine.next(workflow, "approved", "stop", Set.of("APPROVER"))).isEmpty();
        assertThat(engine.next(workflow, "submitted", "receive", Set.of("RECEIVER"))).contains("received");

        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(8);
        try {
            java.util.List<java.util.concurrent.Future<Boolean>> checks = new java.util.ArrayList<>();
            for (int i = 0; i < 400; i++) {
                int n = i;
                checks.add(pool.submit(() -> switch (n % 4) {
                    case 0 -> engine.next(workflow, "submitted", "receive", Set.of("RECEIVER")).equals(java.util.Optional.of("received"));
                    case 1 -> engine.next(workflow, "processing", "approve", Set.of("APPROVER")).equals(java.util.Optional.of("approved"));
                    case 2 -> engine.next(workflow, "processing", "approve", Set.of("HANDLER")).isEmpty();
                    default -> engine.next(workflow, "submitted", "refuse", Set.of("RECEIVER")).equals(java.util.Optional.of("refused"));
                }));
            }
            for (var check : checks) {
                assertThat(check.get()).isTrue();
            }
        } finally {
            pool.shutdown();
        }
    }

    @Test
    void terminalStatesAndUnknownEventsGoNowhere() {
        assertThat(engine.next(workflow, "returned", "receive", Set.of("RECEIVER"))).isEmpty();
        assertThat(engine.next(workflow, "received", "teleport", Set.of("RECEIVER", "HANDLER", "APPROVER"))).isEmpty();
        assertThat(engine.next(workflow, "nowhere", "receive", Set.of("RECEIVER"))).isEmpty();
    }
}
