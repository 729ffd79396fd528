package org.passage.rules.facts;

/** A migrant's status: recorded, never decisive for HASM. */
public enum MigrationStatus {

	REGULAR, IRREGULAR, UNDOCUMENTED, UNKNOWN

}
