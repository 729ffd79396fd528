package org.passage.rules.facts;

/** The situation in the place of return. */
public enum ReturnContext {

	STABLE, FRAGILE, POST_CRISIS

}
