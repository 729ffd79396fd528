package org.passage.decisiontables;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.passage.rules.engine.ReasonMessages;
import org.passage.rules.table.Finding;
import org.passage.rules.table.Grid;
import org.passage.rules.table.RuleSheet;
import org.passage.rules.table.RuleTable;
import org.passage.rules.table.TableFile;
import org.passage.rules.table.TableReader;

/**
 * A version's decision tables as people read them: each rule table with its column
 * headings, rows by id, and the policy's wording of every reason code in en, fr and es.
 * Read from the version's stored files, so it shows exactly what decided.
 */
public final class ReadableTables {

	/** One rule table: a stage of the decision. */
	public record Table(String file, String sheet, String name, String stage, boolean firstHit, List<String> headings,
			List<String> kinds, List<Row> rows) {
	}

	/** One rule row: its id, its cells, and the reason codes it gives. */
	public record Row(String id, List<String> cells, List<String> reasonCodes) {
	}

	/** A reason code and its wording by language. */
	public record Wording(String code, Map<String, String> byLanguage) {
	}

	private final List<Table> tables;

	private final List<Wording> reasons;

	private ReadableTables(List<Table> tables, List<Wording> reasons) {
		this.tables = List.copyOf(tables);
		this.reasons = List.copyOf(reasons);
	}

	public List<Table> tables() {
		return this.tables;
	}

	public List<Wording> reasons() {
		return this.reasons;
	}

	/**
	 * The policy's wording of {@code code} in {@code locale}'s language, English else.
	 */
	public String wording(String code, Locale locale) {
		return this.reasons.stream()
			.filter(reason -> reason.code().equals(code))
			.findFirst()
			.map(reason -> reason.byLanguage()
				.getOrDefault(locale.getLanguage(), reason.byLanguage().getOrDefault("en", code)))
			.orElse(code);
	}

	/** A version's files as people read them. */
	public static ReadableTables of(List<TableFile> files) {
		List<Table> tables = new ArrayList<>();
		ReasonMessages messages = ReasonMessages.empty();
		List<String> codes = new ArrayList<>();
		for (TableFile file : files) {
			List<Finding> findings = new ArrayList<>();
			for (Grid grid : TableReader.read(file, findings)) {
				if (ReasonMessages.isReasonSheet(grid)) {
					messages = messages.with(ReasonMessages.parse(grid));
					for (int r = 1; r < grid.rows().size(); r++) {
						if (!grid.cell(r, 0).isEmpty() && !codes.contains(grid.cell(r, 0))) {
							codes.add(grid.cell(r, 0));
						}
					}
				}
				else if (RuleSheet.isRuleSheet(grid)) {
					for (RuleTable table : RuleSheet.parse(file.name(), grid, findings).tables()) {
						tables.add(table(file.name(), grid.sheet(), table));
					}
				}
			}
		}
		List<Wording> reasons = new ArrayList<>();
		for (String code : codes) {
			Map<String, String> byLanguage = new java.util.LinkedHashMap<>();
			for (String language : ReasonMessages.LANGUAGES) {
				byLanguage.put(language, messages.message(code, Locale.forLanguageTag(language)));
			}
			reasons.add(new Wording(code, Map.copyOf(byLanguage)));
		}
		List<Table> withCodes = tables.stream()
			.map(table -> new Table(table.file(), table.sheet(), table.name(), table.stage(), table.firstHit(),
					table.headings(), table.kinds(),
					table.rows()
						.stream()
						.map(row -> new Row(row.id(), row.cells(),
								row.cells().stream().flatMap(cell -> codesIn(cell, codes).stream()).toList()))
						.toList()))
			.toList();
		return new ReadableTables(withCodes, reasons);
	}

	/**
	 * The table's name, condition and action columns; the attribute columns (stage, first
	 * hit) are said once, above the table.
	 */
	private static Table table(String file, String sheet, RuleTable table) {
		List<Integer> shown = new ArrayList<>();
		for (int c = 0; c < table.columns().size(); c++) {
			if (table.columns().get(c).kind() != RuleTable.ColumnKind.ATTRIBUTE) {
				shown.add(c);
			}
		}
		List<String> headings = shown.stream().map(c -> table.columns().get(c).label()).toList();
		List<String> kinds = shown.stream().map(c -> table.columns().get(c).kind().name()).toList();
		List<Row> rows = table.rows()
			.stream()
			.map(row -> new Row(row.name(), shown.stream().map(row.cells()::get).toList(), List.of()))
			.toList();
		return new Table(file, sheet, table.name(), table.stage(), table.firstHit(), headings, kinds, rows);
	}

	/** The reason codes a cell names (a reason column holds one code, or several). */
	private static List<String> codesIn(String cell, List<String> codes) {
		List<String> found = new ArrayList<>();
		for (String part : cell.split("[\\s,;\"]+")) {
			if (codes.contains(part) && !found.contains(part)) {
				found.add(part);
			}
		}
		return found;
	}

}
