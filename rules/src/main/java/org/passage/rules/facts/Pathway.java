package org.passage.rules.facts;

/** How a returnee came home, which shapes the reintegration package. */
public enum Pathway {

	AVRR, VOT_RETURN, HASM_RETURN, CRISIS_EVACUATION

}
