package vn.gov.portal.workflow;

import java.util.Optional;
import java.util.Set;
import vn.gov.portal.catalog.WorkflowDefinition;

/** Decides where an event takes a dossier. Ours, so the state machine library stays replaceable. */
public interface WorkflowEngine {

    /**
     * @return the state the event leads to from {@code current} for an actor with these roles, or empty when the
     *         workflow does not allow it
     */
    Optional<String> next(WorkflowDefinition workflow, String current, String event, Set<String> actorRoles);
}
