package org.passage.rules.decision;

/** The reintegration tier, from reception only to full case management. */
public enum Tier {

	RECEPTION_ONLY, REINSERTION, STANDARD, ENHANCED, VULNERABLE_CASE_MANAGED

}
