package org.passage.rules.facts;

/** How desperate a stranded migrant's situation is. */
public enum Severity {

	LIFE_THREATENING, DESPERATE, DIFFICULT, STABLE

}
