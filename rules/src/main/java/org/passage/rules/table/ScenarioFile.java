package org.passage.rules.table;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.drools.decisiontable.parser.csv.CsvLineParser;

/**
 * A programme's scenarios, as {@code scenarios.csv} holds them: a {@code scenario} name,
 * the input's fields by name, and the answer worked out by hand in {@code expect.*}
 * columns (an {@code expect.error} names the field an input out of its domain must be
 * refused for). Read strictly, since staff upload revised files: every input field needs
 * its column, and a column nobody reads is an error, not something to ignore.
 *
 * @param header the column names, in order
 * @param rows each scenario by column name
 */
public record ScenarioFile(List<String> header, List<Map<String, String>> rows) {

	/** The largest file accepted. */
	public static final int MAX_BYTES = 1_000_000;

	/** The most scenarios one file may hold. */
	public static final int MAX_ROWS = 10_000;

	/** The fields of a decision a scenario may expect. */
	public static final Set<String> EXPECTATIONS = Set.of("decision", "route", "components", "grantedAmount",
			"approvalLevel", "priority", "reasons", "error", "tier", "arrivalCash", "inKindBudget", "delivery",
			"monitoringMonths");

	/**
	 * A scenario file Passage cannot read, with the line at fault (0: the whole file).
	 */
	public static class Unreadable extends RuntimeException {

		private final int line;

		Unreadable(int line, String message) {
			super(message);
			this.line = line;
		}

		public int line() {
			return this.line;
		}

	}

	public ScenarioFile {
		header = List.copyOf(header);
		rows = rows.stream().map(row -> Map.copyOf(row)).toList();
	}

	/**
	 * Reads a scenario file for inputs of {@code inputType}.
	 * @throws Unreadable if it is too large, not CSV, or its columns do not fit the input
	 */
	public static ScenarioFile read(Class<? extends Record> inputType, byte[] csv) {
		if (csv.length > MAX_BYTES) {
			throw new Unreadable(0, "The scenario file is larger than " + MAX_BYTES / 1000 + " kB.");
		}
		String text = new String(csv, StandardCharsets.UTF_8);
		if (text.startsWith("\uFEFF")) {
			// a byte-order mark, as spreadsheet programs write it
			text = text.substring(1);
		}
		List<String> lines = List.of(text.split("\r?\n"));
		if (lines.isEmpty() || lines.get(0).isBlank()) {
			throw new Unreadable(1, "The first line must name the columns, starting with 'scenario'.");
		}
		CsvLineParser parser = new CsvLineParser();
		List<String> header = parser.parse(lines.get(0)).stream().map(cell -> cell.toString().trim()).toList();
		checkHeader(inputType, header);
		List<Map<String, String>> rows = new ArrayList<>();
		for (int n = 1; n < lines.size(); n++) {
			String line = lines.get(n);
			if (line.isBlank()) {
				continue;
			}
			List<String> cells = parser.parse(line).stream().map(Object::toString).toList();
			if (cells.size() > header.size()) {
				throw new Unreadable(n + 1, "Line " + (n + 1) + " has " + cells.size() + " cells for " + header.size()
						+ " columns; put a value with a comma in double quotes.");
			}
			Map<String, String> row = new HashMap<>();
			for (int c = 0; c < header.size(); c++) {
				row.put(header.get(c), c < cells.size() ? cells.get(c).trim() : "");
			}
			if (row.get("scenario").isEmpty()) {
				throw new Unreadable(n + 1, "Line " + (n + 1) + " has no scenario name.");
			}
			rows.add(row);
			if (rows.size() > MAX_ROWS) {
				throw new Unreadable(n + 1, "A scenario file holds at most " + MAX_ROWS + " scenarios.");
			}
		}
		return new ScenarioFile(header, rows);
	}

	private static void checkHeader(Class<? extends Record> inputType, List<String> header) {
		if (!header.get(0).equals("scenario")) {
			throw new Unreadable(1, "The first column must be 'scenario', not '" + header.get(0) + "'.");
		}
		List<String> fields = Arrays.stream(inputType.getRecordComponents()).map(c -> c.getName()).toList();
		for (String column : header.subList(1, header.size())) {
			boolean known = fields.contains(column)
					|| (column.startsWith("expect.") && EXPECTATIONS.contains(column.substring("expect.".length())));
			if (!known) {
				throw new Unreadable(1,
						"Column '" + column + "' is neither an input field (" + String.join(", ", fields)
								+ ") nor an expected field (expect."
								+ String.join(", expect.", EXPECTATIONS.stream().sorted().toList()) + ").");
			}
			if (header.indexOf(column) != header.lastIndexOf(column)) {
				throw new Unreadable(1, "Column '" + column + "' appears twice.");
			}
		}
		for (String field : fields) {
			if (!header.contains(field)) {
				throw new Unreadable(1, "Column '" + field + "' is missing: every input field needs one.");
			}
		}
		if (!header.contains("expect.decision") && !header.contains("expect.error")) {
			throw new Unreadable(1, "Expect at least the decision: add a column 'expect.decision'.");
		}
	}

	/**
	 * This file with one scenario added at the end; a value for a column the file does
	 * not have is left out, a column the row does not fill stays empty.
	 */
	public ScenarioFile with(Map<String, String> row) {
		Map<String, String> added = new LinkedHashMap<>();
		for (String column : this.header) {
			added.put(column, row.getOrDefault(column, ""));
		}
		List<Map<String, String>> more = new ArrayList<>(this.rows);
		more.add(added);
		return new ScenarioFile(this.header, more);
	}

	/** The file as CSV, UTF-8, one scenario per line. */
	public byte[] write() {
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		line(out, this.header);
		for (Map<String, String> row : this.rows) {
			line(out, this.header.stream().map(column -> row.getOrDefault(column, "")).toList());
		}
		return out.toByteArray();
	}

	private static void line(ByteArrayOutputStream out, List<String> cells) {
		List<String> quoted = cells.stream().map(ScenarioFile::quote).toList();
		out.writeBytes((String.join(",", quoted) + "\n").getBytes(StandardCharsets.UTF_8));
	}

	private static String quote(String cell) {
		String flat = cell.replaceAll("[\r\n]+", " ");
		if (flat.contains(",") || flat.contains("\"")) {
			return "\"" + flat.replace("\"", "\"\"") + "\"";
		}
		return flat;
	}

}
