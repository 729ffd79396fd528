package org.passage.benchmarks.replay;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

import javax.sql.DataSource;

import org.apache.poi.ss.usermodel.DataFormatter;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.usermodel.Workbook;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.passage.rules.table.TableFile;

/**
 * The two GAF versions the benchmark replays under: the one the service stored and made
 * live (read from the registry as {@code RulesetStore} reads it), and the same workbook
 * with the band-1 edge moved from 1000 to 1500, the change {@code ImpactSimulationIT}
 * simulates.
 */
final class GafVersions {

	/** A stored version: its id, label and files. */
	record Stored(long id, String label, List<TableFile> files) {
	}

	private GafVersions() {
	}

	/** The GAF version the service activated last. */
	static Stored active(DataSource dataSource) throws SQLException {
		try (Connection connection = dataSource.getConnection();
				PreparedStatement version = connection.prepareStatement("""
						select r.id, r.label from app.ruleset_activation a join app.ruleset r on r.id = a.ruleset_id
						where a.programme = 'GAF' order by a.activated_at desc, a.id desc limit 1""");
				PreparedStatement files = connection.prepareStatement(
						"select name, content from app.ruleset_file where ruleset_id = ? order by position")) {
			long id;
			String label;
			try (ResultSet row = version.executeQuery()) {
				if (!row.next()) {
					throw new IllegalStateException(
							"No GAF version is active: has the service started on this database?");
				}
				id = row.getLong(1);
				label = row.getString(2);
			}
			files.setLong(1, id);
			List<TableFile> content = new ArrayList<>();
			try (ResultSet rows = files.executeQuery()) {
				while (rows.next()) {
					content.add(new TableFile(rows.getString(1), rows.getBytes(2)));
				}
			}
			return new Stored(id, label, content);
		}
	}

	/**
	 * Writes the shipped GAF workbook ({@code args[1]}) with the band-1 edge at
	 * {@code args[0]} to {@code args[2]}: the new version the activation benchmark
	 * uploads.
	 */
	public static void main(String[] args) throws IOException {
		TableFile shipped = new TableFile("gaf-eligibility.xlsx", Files.readAllBytes(Path.of(args[1])));
		Files.write(Path.of(args[2]), bandOneEdgeAt(List.of(shipped), Integer.parseInt(args[0])).get(0).content());
	}

	/**
	 * The files with the band-1 edge moved from 1000 to {@code edge} in the workbook: G14
	 * ("Amount up to", column P) and G15 ("Amount above", column O), rows 25 and 26 of
	 * sheet Rules.
	 */
	static List<TableFile> bandOneEdgeAt(List<TableFile> files, int edge) throws IOException {
		List<TableFile> changed = new ArrayList<>();
		for (TableFile file : files) {
			if (file.isCsv()) {
				changed.add(file);
				continue;
			}
			try (Workbook workbook = new XSSFWorkbook(new ByteArrayInputStream(file.content()))) {
				Sheet rules = workbook.getSheet("Rules");
				set(rules.getRow(24), "G14", 15, edge);
				set(rules.getRow(25), "G15", 14, edge);
				ByteArrayOutputStream out = new ByteArrayOutputStream();
				workbook.write(out);
				changed.add(new TableFile(file.name(), out.toByteArray()));
			}
		}
		return changed;
	}

	private static void set(Row row, String id, int column, int edge) {
		String found = row.getCell(0).getStringCellValue();
		String shipped = new DataFormatter().formatCellValue(row.getCell(column));
		if (!found.equals(id) || !shipped.equals("1000")) {
			throw new IllegalStateException(
					"Expected row " + id + " with edge 1000, found " + found + " with " + shipped);
		}
		row.getCell(column).setCellValue(edge);
	}

}
