package org.passage.rules.facts;

/** Where identification of a victim of trafficking stands. */
public enum VictimStatus {

	IDENTIFIED, PRESUMED, UNDETERMINED, NOT_VICTIM

}
