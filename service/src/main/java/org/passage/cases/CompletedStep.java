package org.passage.cases;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * A step completed through Passage, as the case records it: the form's values for the
 * timeline, the facts it gave the decisions, and what its form means besides (a consent,
 * a delivery, an approval, a comment), each null when the form records none.
 */
public record CompletedStep(String taskId, String step, String stepName, String form, Map<String, Object> values,
		Map<String, Object> facts, ConsentGiven consent, Delivered delivery, Approved approval, String comment) {

	/** The consent form: given or refused, by the person or a guardian, for what. */
	public record ConsentGiven(boolean given, String givenBy, List<String> scope) {
	}

	/** A delivery form: what was spent and on what. */
	public record Delivered(BigDecimal amount, String summary) {
	}

	/**
	 * An approval form: approved or rejected, of this decision (null for a step that
	 * approves none).
	 */
	public record Approved(boolean approved, UUID decisionId) {
	}

}
