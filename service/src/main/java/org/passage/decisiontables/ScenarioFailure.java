package org.passage.decisiontables;

import java.util.Map;

/**
 * A shipped scenario a draft decides differently from the hand-worked answer.
 *
 * @param scenario the scenario's name
 * @param differences per decision field, what was expected and what the draft gave
 */
public record ScenarioFailure(String scenario, Map<String, Difference> differences) {

	/** One field of the decision: expected against actual. */
	public record Difference(String expected, String actual) {
	}

}
