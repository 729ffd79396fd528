package org.passage.decisiontables;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.passage.decisiontables.ReadableTables.Row;
import org.passage.decisiontables.ReadableTables.Table;
import org.passage.decisiontables.ReadableTables.Wording;

/**
 * What changed between two versions of a programme's tables, as policy staff read it:
 * tables matched by name, rows by their id (the NAME column, such as {@code G14}), cells
 * by their column heading; each changed cell old → new. In a table where the first
 * matching row decides, a row that changed place among the rows of both versions is
 * {@code moved}: order decides there. The wording of reasons is compared per language.
 *
 * @param tables each table that was added, removed or changed, in the newer version's
 * order (removed ones last)
 * @param wordings each reason wording that was added, removed or reworded
 */
public record TableDiff(List<TableChange> tables, List<WordingChange> wordings) {

	/** What happened to a table, a row or a wording. */
	public enum Change {

		ADDED, REMOVED, CHANGED

	}

	/**
	 * A table that changed.
	 *
	 * @param table its name
	 * @param change added, removed, or changed
	 * @param settings its stage or hit policy, when either changed ({@code stage},
	 * {@code firstHit})
	 * @param addedColumns headings only the newer version has
	 * @param removedColumns headings only the older version has
	 * @param rows the rows that were added, removed, changed or moved, in the newer
	 * version's order (removed ones where they were)
	 */
	public record TableChange(String table, Change change, List<CellChange> settings, List<String> addedColumns,
			List<String> removedColumns, List<RowChange> rows) {
	}

	/**
	 * A row that changed.
	 *
	 * @param row its id
	 * @param change added, removed or changed
	 * @param fromPosition its place (1 for the first row) in the older version, 0 if it
	 * was not there
	 * @param toPosition its place in the newer version, 0 if it is not there
	 * @param moved whether it changed place relative to the rows both versions have, in a
	 * table where the first match decides
	 * @param cells each changed cell; for an added or removed row, every filled cell
	 */
	public record RowChange(String row, Change change, int fromPosition, int toPosition, boolean moved,
			List<CellChange> cells) {
	}

	/** One cell, or one setting: its column heading, the old text and the new. */
	public record CellChange(String column, String from, String to) {
	}

	/** A reason's wording in one language: old and new (empty when absent). */
	public record WordingChange(String code, String language, String from, String to) {
	}

	public TableDiff {
		tables = List.copyOf(tables);
		wordings = List.copyOf(wordings);
	}

	/** Whether the two versions read the same. */
	public boolean isEmpty() {
		return this.tables.isEmpty() && this.wordings.isEmpty();
	}

	/** How many rows changed in each way, over every table. */
	public int count(Change change) {
		return (int) this.tables.stream().flatMap(t -> t.rows().stream()).filter(r -> r.change() == change).count();
	}

	/** The difference from {@code before} to {@code after}. */
	public static TableDiff between(ReadableTables before, ReadableTables after) {
		Map<String, Table> old = new LinkedHashMap<>();
		before.tables().forEach(table -> old.putIfAbsent(table.name(), table));
		List<TableChange> tables = new ArrayList<>();
		Set<String> seen = new HashSet<>();
		for (Table table : after.tables()) {
			if (!seen.add(table.name())) {
				continue;
			}
			Table was = old.get(table.name());
			if (was == null) {
				tables.add(whole(table, Change.ADDED));
			}
			else {
				TableChange change = compare(was, table);
				if (change != null) {
					tables.add(change);
				}
			}
		}
		old.values()
			.stream()
			.filter(table -> !seen.contains(table.name()))
			.forEach(t -> tables.add(whole(t, Change.REMOVED)));
		return new TableDiff(tables, wordings(before.reasons(), after.reasons()));
	}

	private static TableChange whole(Table table, Change change) {
		List<String> columns = columns(table);
		List<RowChange> rows = new ArrayList<>();
		Map<String, Row> byId = rows(table);
		int position = 0;
		for (Map.Entry<String, Row> row : byId.entrySet()) {
			position++;
			rows.add(new RowChange(row.getKey(), change, change == Change.REMOVED ? position : 0,
					change == Change.ADDED ? position : 0, false, filled(columns, row.getValue(), change)));
		}
		return new TableChange(table.name(), change, List.of(),
				change == Change.ADDED ? columns.subList(1, columns.size()) : List.of(),
				change == Change.REMOVED ? columns.subList(1, columns.size()) : List.of(), rows);
	}

	private static TableChange compare(Table was, Table now) {
		List<CellChange> settings = new ArrayList<>();
		if (!was.stage().equals(now.stage())) {
			settings.add(new CellChange("stage", was.stage(), now.stage()));
		}
		if (was.firstHit() != now.firstHit()) {
			settings.add(new CellChange("firstHit", String.valueOf(was.firstHit()), String.valueOf(now.firstHit())));
		}
		List<String> oldColumns = columns(was);
		List<String> newColumns = columns(now);
		List<String> added = newColumns.stream().skip(1).filter(c -> !oldColumns.contains(c)).toList();
		List<String> removed = oldColumns.stream().skip(1).filter(c -> !newColumns.contains(c)).toList();
		Map<String, Row> oldRows = rows(was);
		Map<String, Row> newRows = rows(now);
		List<String> oldOrder = new ArrayList<>(oldRows.keySet());
		List<String> newOrder = new ArrayList<>(newRows.keySet());
		Set<String> moved = now.firstHit() && was.firstHit() ? moved(oldOrder, newOrder) : Set.of();

		List<RowChange> rows = new ArrayList<>();
		for (int i = 0; i < newOrder.size(); i++) {
			String id = newOrder.get(i);
			// rows removed just above this one go here, where they were
			Row before = oldRows.get(id);
			if (before == null) {
				rows.add(new RowChange(id, Change.ADDED, 0, i + 1, false,
						filled(newColumns, newRows.get(id), Change.ADDED)));
				continue;
			}
			List<CellChange> cells = cells(oldColumns, before, newColumns, newRows.get(id));
			if (!cells.isEmpty() || moved.contains(id)) {
				rows.add(new RowChange(id, Change.CHANGED, oldOrder.indexOf(id) + 1, i + 1, moved.contains(id), cells));
			}
		}
		for (int i = 0; i < oldOrder.size(); i++) {
			String id = oldOrder.get(i);
			if (!newRows.containsKey(id)) {
				rows.add(new RowChange(id, Change.REMOVED, i + 1, 0, false,
						filled(oldColumns, oldRows.get(id), Change.REMOVED)));
			}
		}
		if (settings.isEmpty() && added.isEmpty() && removed.isEmpty() && rows.isEmpty()) {
			return null;
		}
		return new TableChange(now.name(), Change.CHANGED, settings, added, removed, rows);
	}

	/**
	 * Column keys: the heading people read, or the column's kind when it has none; a
	 * heading used twice in a table is numbered.
	 */
	private static List<String> columns(Table table) {
		List<String> keys = new ArrayList<>();
		Map<String, Integer> uses = new HashMap<>();
		for (int c = 0; c < table.headings().size(); c++) {
			String heading = table.headings().get(c).isBlank() ? table.kinds().get(c) : table.headings().get(c).trim();
			int use = uses.merge(heading, 1, Integer::sum);
			keys.add(use == 1 ? heading : heading + " (" + use + ")");
		}
		return keys;
	}

	/** Rows by id, in order; a repeated id is numbered, so that no row is lost. */
	private static Map<String, Row> rows(Table table) {
		Map<String, Row> rows = new LinkedHashMap<>();
		for (Row row : table.rows()) {
			String id = row.id();
			for (int n = 2; rows.containsKey(id); n++) {
				id = row.id() + " (" + n + ")";
			}
			rows.put(id, row);
		}
		return rows;
	}

	private static List<CellChange> cells(List<String> oldColumns, Row before, List<String> newColumns, Row after) {
		List<CellChange> cells = new ArrayList<>();
		for (int c = 1; c < newColumns.size(); c++) {
			int was = oldColumns.indexOf(newColumns.get(c));
			String from = was < 0 ? "" : cell(before, was);
			String to = cell(after, c);
			if (!from.equals(to)) {
				cells.add(new CellChange(newColumns.get(c), from, to));
			}
		}
		for (int c = 1; c < oldColumns.size(); c++) {
			if (!newColumns.contains(oldColumns.get(c)) && !cell(before, c).isEmpty()) {
				cells.add(new CellChange(oldColumns.get(c), cell(before, c), ""));
			}
		}
		return cells;
	}

	private static List<CellChange> filled(List<String> columns, Row row, Change change) {
		List<CellChange> cells = new ArrayList<>();
		for (int c = 1; c < columns.size(); c++) {
			String value = cell(row, c);
			if (!value.isEmpty()) {
				cells.add(change == Change.ADDED ? new CellChange(columns.get(c), "", value)
						: new CellChange(columns.get(c), value, ""));
			}
		}
		return cells;
	}

	private static String cell(Row row, int column) {
		return column < row.cells().size() ? row.cells().get(column).trim() : "";
	}

	/**
	 * The rows of both versions that changed place: those outside a longest sequence the
	 * two orders share, so that one row moved is one row reported, not every row it
	 * passed.
	 */
	private static Set<String> moved(List<String> oldOrder, List<String> newOrder) {
		List<String> a = oldOrder.stream().filter(newOrder::contains).toList();
		List<String> b = newOrder.stream().filter(oldOrder::contains).toList();
		int[][] common = new int[a.size() + 1][b.size() + 1];
		for (int i = a.size() - 1; i >= 0; i--) {
			for (int j = b.size() - 1; j >= 0; j--) {
				common[i][j] = a.get(i).equals(b.get(j)) ? common[i + 1][j + 1] + 1
						: Math.max(common[i + 1][j], common[i][j + 1]);
			}
		}
		Set<String> kept = new HashSet<>();
		for (int i = 0, j = 0; i < a.size() && j < b.size();) {
			if (a.get(i).equals(b.get(j))) {
				kept.add(a.get(i));
				i++;
				j++;
			}
			else if (common[i + 1][j] >= common[i][j + 1]) {
				i++;
			}
			else {
				j++;
			}
		}
		Set<String> moved = new HashSet<>(b);
		moved.removeAll(kept);
		return moved;
	}

	private static List<WordingChange> wordings(List<Wording> before, List<Wording> after) {
		Map<String, Map<String, String>> old = new LinkedHashMap<>();
		before.forEach(w -> old.put(w.code(), w.byLanguage()));
		Map<String, Map<String, String>> now = new LinkedHashMap<>();
		after.forEach(w -> now.put(w.code(), w.byLanguage()));
		List<WordingChange> changes = new ArrayList<>();
		Set<String> codes = new java.util.LinkedHashSet<>(now.keySet());
		codes.addAll(old.keySet());
		for (String code : codes) {
			for (String language : org.passage.rules.engine.ReasonMessages.LANGUAGES) {
				String from = old.getOrDefault(code, Map.of()).getOrDefault(language, "");
				String to = now.getOrDefault(code, Map.of()).getOrDefault(language, "");
				if (!from.equals(to)) {
					changes.add(new WordingChange(code, language, from, to));
				}
			}
		}
		return changes;
	}

}
