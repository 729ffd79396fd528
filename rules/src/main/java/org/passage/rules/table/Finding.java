package org.passage.rules.table;

/**
 * One problem with a candidate decision table, located so that policy staff can find it.
 *
 * @param kind what is wrong
 * @param source the file the table came from
 * @param sheet the worksheet, or null for a CSV file
 * @param cell the cell in A1 notation (e.g. {@code E12}), or null when the finding is
 * about the whole table
 * @param row the table row's id (its NAME), when the finding is about a row
 * @param message what is wrong and what to do, in English
 */
public record Finding(Kind kind, String source, String sheet, String cell, String row, String message) {

	/** What a finding is about. */
	public enum Kind {

		/** The file cannot be read: too large, not a workbook, or a zip bomb. */
		UNREADABLE,
		/** The table layout is not one Passage understands. */
		STRUCTURE,
		/** A cell holds a formula; decision tables take typed values only. */
		FORMULA,
		/** A condition or action names a field the facts do not have. */
		UNKNOWN_FIELD,
		/**
		 * A cell names a value outside the field's domain, such as an unknown enum
		 * constant.
		 */
		UNKNOWN_VALUE,
		/** Drools could not compile a row. */
		COMPILE_ERROR,
		/** The ruleset compiles to no rules at all. */
		NO_RULES,
		/** Some input in the declared domain matches no row of a first-hit table. */
		GAP,
		/** A row can never fire: the rows above it take every input it matches. */
		SHADOWED_ROW,
		/** A reason code has no English message in the Reasons sheet. */
		MISSING_MESSAGE

	}

	/** Where the finding points, as a person reads it: {@code gaf.xlsx!Rules!E12}. */
	public String location() {
		StringBuilder where = new StringBuilder(this.source);
		if (this.sheet != null) {
			where.append('!').append(this.sheet);
		}
		if (this.cell != null) {
			where.append('!').append(this.cell);
		}
		return where.toString();
	}

	@Override
	public String toString() {
		return this.kind + " at " + location() + (this.row != null ? " (row " + this.row + ")" : "") + ": "
				+ this.message;
	}

}
