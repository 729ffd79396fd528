package org.passage.cases;

import java.util.UUID;

/**
 * An approver's answer at an approval step, recorded by Passage when the step is
 * completed: which decision it approves (none for a step that approves no decision), by
 * whom, and who had prepared it (never the same person: the table refuses it).
 */
public record Approval(String taskId, String step, UUID decisionId, String approver, String preparedBy,
		boolean approved) {
}
