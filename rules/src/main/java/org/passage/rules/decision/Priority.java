package org.passage.rules.decision;

/** How fast a case must move. */
public enum Priority {

	URGENT, NORMAL

}
