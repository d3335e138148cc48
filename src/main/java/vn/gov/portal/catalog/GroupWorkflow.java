package vn.gov.portal.catalog;

import java.util.List;
import java.util.Set;

/**
 * The workflow of an interconnected group's own dossier. Nobody decides on it directly: the portal moves it as its
 * steps end — on when a step is done, completed when the last one is, stopped when a step is refused or stopped.
 */
public final class GroupWorkflow {

    public static final String ADVANCE = "advance";
    public static final String FINISH = "finish";
    public static final String STOP = "stop";

    private static final Set<String> SYSTEM = Set.of(WorkflowDefinition.SYSTEM);

    public static final WorkflowDefinition DEFINITION = new WorkflowDefinition("submitted", null,
            List.of(state("submitted", 1, "Đã nộp, đang ở bước đầu", "Submitted, first step under way", false),
                    state("in-progress", 4, "Đang xử lý liên thông", "In process across agencies", false),
                    state("completed", 9, "Đã giải quyết xong các bước", "All steps completed", true),
                    state("stopped", 8, "Dừng xử lý", "Processing stopped", true)),
            List.of(transition(ADVANCE, List.of("submitted"), "in-progress", "Chuyển bước tiếp theo", "Next step"),
                    transition(FINISH, List.of("submitted", "in-progress"), "completed", "Hoàn thành", "Completed"),
                    transition(STOP, List.of("submitted", "in-progress"), "stopped", "Dừng xử lý", "Stopped")));

    private GroupWorkflow() {
    }

    private static WorkflowDefinition.State state(String id, int status, String vi, String en, boolean terminal) {
        return new WorkflowDefinition.State(id, status, new LocalizedText(vi, en), terminal);
    }

    private static WorkflowDefinition.Transition transition(String event, List<String> from, String to, String vi,
                                                            String en) {
        return new WorkflowDefinition.Transition(event, from, to, SYSTEM, new LocalizedText(vi, en), false, false, false,
                List.of(), false, false);
    }
}
