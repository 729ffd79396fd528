package org.passage.rules.table;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * A rules sheet with one table, written cell by cell in a test and analysed as an
 * uploaded CSV file would be, without Drools: fast enough to try every reading of a
 * condition. Row {@code n} of the table (from 0) sits on sheet row {@code 10 + n}; the
 * table's header is cell {@code A5}.
 */
final class OneTable {

	private final String pattern;

	private final List<String> conditions = new ArrayList<>();

	private final List<String[]> rows = new ArrayList<>();

	private String action = "out.decide(Eligibility.$param);";

	private boolean firstHit = true;

	private boolean named = true;

	private String variable = "org.passage.rules.engine.GafDraft out";

	private OneTable(String pattern) {
		this.pattern = pattern;
	}

	/** A first-hit table whose conditions read the fact of {@code pattern}. */
	static OneTable on(String pattern) {
		return new OneTable(pattern);
	}

	/** The condition columns' templates, in order. */
	OneTable when(String... templates) {
		this.conditions.addAll(List.of(templates));
		return this;
	}

	/** The action column's template (by default the decision). */
	OneTable then(String template) {
		this.action = template;
		return this;
	}

	/** Every matching row applies (no ACTIVATION-GROUP column): no gap search. */
	OneTable everyMatchingRow() {
		this.firstHit = false;
		return this;
	}

	/** The global the sheet declares (by default GAF's draft, {@code out}). */
	OneTable declaring(String global) {
		this.variable = global;
		return this;
	}

	/** Leaves out the NAME column. */
	OneTable unnamed() {
		this.named = false;
		return this;
	}

	/** A row in stage {@code decide}: its id, one cell per condition, the action cell. */
	OneTable row(String... cells) {
		return rowInStage("decide", cells);
	}

	OneTable rowInStage(String stage, String... cells) {
		if (cells.length != this.conditions.size() + 2) {
			throw new IllegalArgumentException("A row needs an id, a cell per condition and an action cell");
		}
		String[] row = new String[cells.length + 2];
		row[0] = cells[0];
		row[1] = "decide";
		row[2] = stage;
		System.arraycopy(cells, 1, row, 3, cells.length - 1);
		this.rows.add(row);
		return this;
	}

	/** The findings of the analysis of this table. */
	List<Finding> findings() {
		List<Finding> findings = new ArrayList<>();
		List<Grid> grids = TableReader.read(file(), findings);
		RuleSheet sheet = RuleSheet.parse("table.csv", grids.get(0), findings);
		if (findings.isEmpty()) {
			TableAnalyser.analyse(sheet, findings);
		}
		return findings;
	}

	/** The table as the CSV file policy staff would upload. */
	TableFile file() {
		List<List<String>> lines = new ArrayList<>();
		lines.add(List.of("RuleSet", "org.passage.test"));
		lines.add(List.of("Import",
				"org.passage.rules.facts.*, org.passage.rules.decision.*, org.passage.rules.table.*"));
		lines.add(List.of("Variables", this.variable));
		lines.add(List.of());
		lines.add(List.of("RuleTable Check"));
		lines.add(header("CONDITION", "ACTION"));
		lines.add(line(this.pattern, List.of(), ""));
		lines.add(line("", this.conditions, this.action));
		lines.add(line("Label", this.conditions.stream().map(c -> "Label").toList(), "Label"));
		for (String[] row : this.rows) {
			List<String> cells = new ArrayList<>(List.of(row));
			if (!this.named) {
				cells.remove(0);
			}
			if (!this.firstHit) {
				cells.remove(this.named ? 1 : 0);
			}
			lines.add(cells);
		}
		String csv = lines.stream()
			.map(cells -> cells.stream().map(OneTable::quoted).collect(Collectors.joining(",")))
			.collect(Collectors.joining("\n"));
		return new TableFile("table.csv", csv.getBytes(StandardCharsets.UTF_8));
	}

	private List<String> header(String condition, String action) {
		List<String> cells = new ArrayList<>();
		if (this.named) {
			cells.add("NAME");
		}
		if (this.firstHit) {
			cells.add("ACTIVATION-GROUP");
		}
		cells.add("RULEFLOW-GROUP");
		this.conditions.forEach(c -> cells.add(condition));
		cells.add(action);
		return cells;
	}

	/** A row of the header: blank attribute cells, then one cell per condition. */
	private List<String> line(String firstCondition, List<String> conditionCells, String actionCell) {
		List<String> cells = new ArrayList<>();
		int attributes = (this.named ? 1 : 0) + (this.firstHit ? 1 : 0) + 1;
		for (int i = 0; i < attributes; i++) {
			cells.add("");
		}
		if (conditionCells.isEmpty()) {
			cells.add(firstCondition);
			for (int i = 1; i < this.conditions.size(); i++) {
				cells.add("");
			}
		}
		else {
			cells.addAll(conditionCells);
		}
		cells.add(actionCell);
		return Stream.concat(cells.stream(), Stream.<String>empty()).toList();
	}

	private static String quoted(String cell) {
		return "\"" + cell.replace("\"", "\"\"") + "\"";
	}

}
