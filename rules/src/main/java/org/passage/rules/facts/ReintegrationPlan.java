package org.passage.rules.facts;

/** The returnee's reintegration plan. */
public enum ReintegrationPlan {

	MICRO_BUSINESS, VOCATIONAL_TRAINING, EDUCATION, JOB_PLACEMENT, HOUSING, MEDICAL, NONE

}
