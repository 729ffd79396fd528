package org.passage.rules.decision;

/** Where a decision sends the case. */
public enum Route {

	GAF, HASM, CHILD_PROTECTION, NATIONAL_REFERRAL, EXISTING_PROGRAMME, REFUGEE_AGENCY, VOT_ASSISTANCE, AVRR_PROJECT,
	CRISIS_OPERATION

}
