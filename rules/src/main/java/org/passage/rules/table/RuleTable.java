package org.passage.rules.table;

import java.util.List;

/**
 * One {@code RuleTable} block of a rules sheet: a stage of a decision.
 *
 * @param name the table's name, shown in reasons
 * @param stage the ruleflow group its rows run in
 * @param firstHit true when the first matching row decides (an ACTIVATION-GROUP column);
 * false when every matching row applies, in order
 * @param headerRow the zero-based grid row of the {@code RuleTable} keyword
 * @param columns the table's columns
 * @param rows the table's rule rows, in order
 */
public record RuleTable(String name, String stage, boolean firstHit, int headerRow, List<Column> columns,
		List<TableRow> rows) {

	/** What a column does. */
	public enum ColumnKind {

		NAME, CONDITION, ACTION, ATTRIBUTE

	}

	/**
	 * A column of a rule table.
	 *
	 * @param index zero-based grid column
	 * @param kind its kind
	 * @param keyword its header keyword as written (CONDITION, ACTION, RULEFLOW-GROUP,
	 * ...)
	 * @param pattern for a condition, the fact pattern such as {@code $i: GafInput()...}
	 * @param template the code snippet with {@code $param}
	 * @param label the heading people read
	 */
	public record Column(int index, ColumnKind kind, String keyword, String pattern, String template, String label) {
	}

	/**
	 * A rule row.
	 *
	 * @param gridRow zero-based grid row
	 * @param name its stable id (the NAME column), e.g. {@code G3}
	 * @param cells the cell texts, one per column of the table
	 */
	public record TableRow(int gridRow, String name, List<String> cells) {
	}

}
