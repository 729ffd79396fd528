package org.passage.rules.table;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.passage.rules.table.RuleTable.Column;
import org.passage.rules.table.RuleTable.ColumnKind;
import org.passage.rules.table.RuleTable.TableRow;

/**
 * A worksheet in Drools' decision table layout, read the way Drools reads it: a
 * {@code RuleSet} header with imports and variables, then {@code RuleTable} blocks, each
 * a keyword row, a pattern row, a template row, a label row and rule rows up to a blank
 * row.
 *
 * @param source the file name
 * @param grid the sheet
 * @param imports the imported classes or packages (ending {@code .*})
 * @param variables the declared globals, e.g.
 * {@code org.passage.rules.engine.GafDraft out}
 * @param tables the rule tables in order: the stages of the decision
 */
public record RuleSheet(String source, Grid grid, List<String> imports, List<String> variables,
		List<RuleTable> tables) {

	/** Whether a sheet is a rules sheet at all: it has the {@code RuleSet} keyword. */
	public static boolean isRuleSheet(Grid grid) {
		for (int r = 0; r < grid.rows().size(); r++) {
			if ("RuleSet".equalsIgnoreCase(grid.cell(r, 0))) {
				return true;
			}
		}
		return false;
	}

	/** Parses a rules sheet; layout problems become findings. */
	public static RuleSheet parse(String source, Grid grid, List<Finding> findings) {
		List<String> imports = new ArrayList<>();
		List<String> variables = new ArrayList<>();
		List<RuleTable> tables = new ArrayList<>();
		for (int r = 0; r < grid.rows().size(); r++) {
			String keyword = grid.cell(r, 0);
			if (keyword.equalsIgnoreCase("Import")) {
				split(grid.cell(r, 1)).forEach(imports::add);
			}
			else if (keyword.equalsIgnoreCase("Variables")) {
				split(grid.cell(r, 1)).forEach(variables::add);
			}
			else if (keyword.toLowerCase(Locale.ROOT).startsWith("ruletable")) {
				RuleTable table = parseTable(source, grid, r, findings);
				tables.add(table);
				r = table.rows().isEmpty() ? r + 4 : table.rows().get(table.rows().size() - 1).gridRow();
			}
		}
		return new RuleSheet(source, grid, List.copyOf(imports), List.copyOf(variables), List.copyOf(tables));
	}

	private static RuleTable parseTable(String source, Grid grid, int top, List<Finding> findings) {
		String name = grid.cell(top, 0).substring("RuleTable".length()).trim();
		int keywords = top + 1;
		List<Column> columns = new ArrayList<>();
		String stage = null;
		boolean firstHit = false;
		for (int c = 0; c < grid.width(keywords); c++) {
			String keyword = grid.cell(keywords, c).toUpperCase(Locale.ROOT);
			if (keyword.isEmpty()) {
				continue;
			}
			ColumnKind kind = switch (keyword) {
				case "NAME" -> ColumnKind.NAME;
				case "CONDITION" -> ColumnKind.CONDITION;
				case "ACTION" -> ColumnKind.ACTION;
				default -> ColumnKind.ATTRIBUTE;
			};
			firstHit |= keyword.equals("ACTIVATION-GROUP");
			columns.add(new Column(c, kind, keyword, grid.cell(keywords + 1, c), grid.cell(keywords + 2, c),
					grid.cell(keywords + 3, c)));
		}
		List<TableRow> rows = new ArrayList<>();
		int nameColumn = columns.stream()
			.filter(col -> col.kind() == ColumnKind.NAME)
			.mapToInt(Column::index)
			.findFirst()
			.orElse(-1);
		if (nameColumn < 0) {
			findings.add(new Finding(Finding.Kind.STRUCTURE, source, grid.sheet(), Grid.address(keywords, 0), null,
					"Table '" + name + "' has no NAME column; every row needs a stable id for its reasons."));
		}
		for (int r = keywords + 4; r < grid.rows().size() && !blank(grid, r, columns); r++) {
			int row = r;
			List<String> cells = columns.stream().map(col -> grid.cell(row, col.index())).toList();
			String rowName = nameColumn < 0 ? "row " + (r + 1) : grid.cell(r, nameColumn);
			rows.add(new TableRow(r, rowName, cells));
			for (Column column : columns) {
				if (column.keyword().equals("RULEFLOW-GROUP")) {
					String group = grid.cell(r, column.index());
					if (stage == null) {
						stage = group;
					}
					else if (!stage.equals(group)) {
						findings.add(new Finding(Finding.Kind.STRUCTURE, source, grid.sheet(),
								Grid.address(r, column.index()), rowName, "All rows of table '" + name
										+ "' must run in one stage ('" + stage + "'), not '" + group + "'."));
					}
				}
			}
		}
		if (stage == null || stage.isEmpty()) {
			findings.add(new Finding(Finding.Kind.STRUCTURE, source, grid.sheet(), Grid.address(keywords, 0), null,
					"Table '" + name + "' needs a RULEFLOW-GROUP column naming its stage on every row."));
			stage = name;
		}
		return new RuleTable(name, stage, firstHit, top, List.copyOf(columns), List.copyOf(rows));
	}

	private static boolean blank(Grid grid, int row, List<Column> columns) {
		return columns.stream().allMatch(col -> grid.cell(row, col.index()).isEmpty());
	}

	private static List<String> split(String list) {
		return java.util.Arrays.stream(list.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList();
	}

}
