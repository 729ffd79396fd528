package org.passage.rules.facts;

/** Why a migrant is stranded: recorded, never decisive for HASM. */
public enum StrandingCause {

	HOST_CRISIS, ABANDONED_BY_SMUGGLERS, INJURY_ILLNESS, CRIME_VICTIM, DESTITUTION, OTHER

}
