package org.passage.rules.facts;

/** Whether another programme can assist the person (GAF is the last resort). */
public enum OtherProgramme {

	ACCESSIBLE, ELIGIBLE_NOT_ACCESSIBLE, NOT_ELIGIBLE, NONE, UNKNOWN

}
