package org.passage.rules.table;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import org.apache.poi.openxml4j.util.ZipSecureFile;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellType;
import org.apache.poi.ss.usermodel.DataFormatter;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.usermodel.Workbook;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.drools.decisiontable.parser.csv.CsvLineParser;

/**
 * Reads an uploaded table file into text grids, treating it as hostile: a size cap, POI's
 * zip-bomb limits, and no formulas (a formula could reach an external workbook, and a
 * decision table is data anyway).
 */
public final class TableReader {

	/** The largest table file accepted. Policy tables are a few kilobytes. */
	public static final int MAX_BYTES = 5 * 1024 * 1024;

	private static final int MAX_ROWS = 5_000;

	private static final int MAX_COLUMNS = 200;

	static {
		// A ratio below 1% between compressed and expanded size is how zip bombs look.
		ZipSecureFile.setMinInflateRatio(0.01);
		ZipSecureFile.setMaxEntrySize(50L * 1024 * 1024);
		ZipSecureFile.setMaxTextSize(10L * 1024 * 1024);
	}

	private TableReader() {
	}

	/**
	 * The sheets of {@code file}; problems go to {@code findings} and yield no sheets.
	 */
	public static List<Grid> read(TableFile file, List<Finding> findings) {
		byte[] bytes = file.content();
		if (bytes.length > MAX_BYTES) {
			findings.add(new Finding(Finding.Kind.UNREADABLE, file.name(), null, null, null,
					"The file has " + bytes.length + " bytes; the limit is " + MAX_BYTES + "."));
			return List.of();
		}
		return file.isCsv() ? List.of(readCsv(bytes)) : readXlsx(file.name(), bytes, findings);
	}

	private static Grid readCsv(byte[] bytes) {
		CsvLineParser parser = new CsvLineParser();
		List<List<String>> rows = new ArrayList<>();
		for (String line : new String(bytes, StandardCharsets.UTF_8).split("\r?\n", -1)) {
			if (rows.size() == MAX_ROWS) {
				break;
			}
			rows.add(line.isEmpty() ? List.of()
					: parser.parse(line).stream().map(cell -> cell.toString().trim()).toList());
		}
		return new Grid(null, rows);
	}

	private static List<Grid> readXlsx(String name, byte[] bytes, List<Finding> findings) {
		try (Workbook workbook = new XSSFWorkbook(new ByteArrayInputStream(bytes))) {
			DataFormatter formatter = new DataFormatter();
			List<Grid> grids = new ArrayList<>();
			for (Sheet sheet : workbook) {
				grids.add(readSheet(name, sheet, formatter, findings));
			}
			return grids;
		}
		catch (IOException | RuntimeException ex) {
			// POI signals zip bombs and corrupt files with runtime exceptions; none is a
			// crash of ours.
			findings.add(new Finding(Finding.Kind.UNREADABLE, name, null, null, null,
					"Not a readable XLSX workbook: " + ex.getMessage()));
			return List.of();
		}
	}

	private static Grid readSheet(String name, Sheet sheet, DataFormatter formatter, List<Finding> findings) {
		List<List<String>> rows = new ArrayList<>();
		for (int r = 0; r <= Math.min(sheet.getLastRowNum(), MAX_ROWS - 1); r++) {
			Row row = sheet.getRow(r);
			List<String> cells = new ArrayList<>();
			if (row != null) {
				for (int c = 0; c < Math.min(Math.max(row.getLastCellNum(), 0), MAX_COLUMNS); c++) {
					Cell cell = row.getCell(c);
					if (cell != null && cell.getCellType() == CellType.FORMULA) {
						findings
							.add(new Finding(Finding.Kind.FORMULA, name, sheet.getSheetName(), Grid.address(r, c), null,
									"Cell holds the formula =" + cell.getCellFormula() + "; type the value instead."));
						cells.add("");
					}
					else {
						cells.add(cell == null ? "" : formatter.formatCellValue(cell).trim());
					}
				}
			}
			rows.add(cells);
		}
		return new Grid(sheet.getSheetName(), rows);
	}

}
