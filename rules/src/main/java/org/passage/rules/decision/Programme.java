package org.passage.rules.decision;

/** The three money decisions Passage makes. */
public enum Programme {

	/** Global Assistance Fund eligibility, for trafficked persons. */
	GAF,
	/** Humanitarian Assistance to Stranded Migrants: return help. */
	HASM,
	/** The reintegration package of a returnee. */
	REINTEGRATION

}
