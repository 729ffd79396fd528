package org.passage.rules.table;

/**
 * A fact no value of which is valid: the analyser cannot search a table on it and must
 * say so.
 */
public record Unbuildable(int level) {

	public Unbuildable {
		throw new IllegalArgumentException("no level is valid");
	}

}
