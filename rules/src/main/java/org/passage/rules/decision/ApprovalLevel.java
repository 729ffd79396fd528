package org.passage.rules.decision;

/** Who must approve a decision, in ascending order of authority. */
public enum ApprovalLevel {

	SUPERVISOR, REGIONAL, HQ;

	/** The higher of this level and {@code other}. */
	public ApprovalLevel atLeast(ApprovalLevel other) {
		return compareTo(other) >= 0 ? this : other;
	}

}
