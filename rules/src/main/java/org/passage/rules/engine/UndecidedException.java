package org.passage.rules.engine;

/**
 * A first-hit table in which no row matched the input: the ruleset has a gap. Never
 * resolved silently; the analyser reports gaps before a ruleset can go live.
 */
public class UndecidedException extends RuntimeException {

	public UndecidedException(String table, Object input) {
		super("No row of table '" + table + "' decides " + input);
	}

}
