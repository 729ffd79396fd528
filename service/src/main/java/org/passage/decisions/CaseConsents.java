package org.passage.decisions;

/**
 * What the decision API needs to know of a Passage case without depending on the cases
 * module: whether the person withdrew their consent. The cases module implements it.
 */
public interface CaseConsents {

	/**
	 * True when {@code caseId} names a Passage case whose person withdrew consent; false
	 * for any other case id, Passage's or not.
	 */
	boolean withdrawn(String caseId);

}
