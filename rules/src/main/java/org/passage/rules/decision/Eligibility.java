package org.passage.rules.decision;

/** The outcome of a decision (the field `decision` of reference policy v1). */
public enum Eligibility {

	ELIGIBLE, ELIGIBLE_INTERIM, ELIGIBLE_PENDING_FUNDS, PENDING_INFO, REFER, NOT_ELIGIBLE

}
