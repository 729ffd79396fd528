package org.passage.rules.table;

import java.util.List;

/**
 * One worksheet as text, exactly as a person sees the cells. Rows and columns are
 * zero-based here; {@link #address} turns them into the A1 notation people use.
 *
 * @param sheet the worksheet name, or null for CSV
 * @param rows the cell texts, row by row
 */
public record Grid(String sheet, List<List<String>> rows) {

	/** The text of a cell, empty when the cell does not exist. */
	public String cell(int row, int column) {
		if (row >= this.rows.size()) {
			return "";
		}
		List<String> cells = this.rows.get(row);
		return column < cells.size() ? cells.get(column) : "";
	}

	/** The width of a row, up to its last cell. */
	public int width(int row) {
		return row < this.rows.size() ? this.rows.get(row).size() : 0;
	}

	/** The A1 address of a zero-based cell, e.g. (11, 4) is {@code E12}. */
	public static String address(int row, int column) {
		StringBuilder letters = new StringBuilder();
		for (int c = column + 1; c > 0; c = (c - 1) / 26) {
			letters.insert(0, (char) ('A' + (c - 1) % 26));
		}
		return letters.toString() + (row + 1);
	}

}
