package org.passage.rules.facts;

/** The outcome of the fit-to-travel check. */
public enum FitToTravel {

	FIT, FIT_WITH_ESCORT, NOT_FIT

}
