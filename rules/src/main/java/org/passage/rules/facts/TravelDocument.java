package org.passage.rules.facts;

/** Whether the migrant has, or can get, a document to travel home. */
public enum TravelDocument {

	VALID, OBTAINABLE, NOT_OBTAINABLE

}
