package org.passage.cases;

/** Where a case stands: open until its process ends it one way or another. */
public enum CaseStatus {

	/** Being worked on. */
	OPEN,
	/** Closed at the end of its process. */
	CLOSED,
	/**
	 * Handed to another route or service (a decision's route, the refugee agency, a
	 * linked VoT case).
	 */
	REFERRED,
	/** The person withdrew consent: assistance stopped. */
	CONSENT_WITHDRAWN,
	/** The returnee revoked the voluntariness declaration before departure. */
	RETURN_REVOKED;

	public boolean open() {
		return this == OPEN;
	}

}
