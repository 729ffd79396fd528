package org.passage.tables.authoring;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.FillPatternType;
import org.apache.poi.ss.usermodel.Font;
import org.apache.poi.ss.usermodel.IndexedColors;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.util.CellRangeAddress;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.drools.decisiontable.parser.csv.CsvLineParser;

/**
 * A developer's tool, not part of the product: lays out a workbook from CSV drafts
 * ({@code Rules}, {@code Reasons}, {@code About} sheets) with the styling policy staff
 * expect. Once written, the XLSX is the source of truth and is edited in Excel or
 * LibreOffice. Run: {@code WorkbookAuthoring rules.csv reasons.csv about.txt out.xlsx}.
 */
public final class WorkbookAuthoring {

	private WorkbookAuthoring() {
	}

	public static void main(String[] args) throws IOException {
		try (XSSFWorkbook workbook = new XSSFWorkbook(); OutputStream out = Files.newOutputStream(Path.of(args[3]))) {
			CellStyle keyword = style(workbook, IndexedColors.GREY_25_PERCENT, true);
			CellStyle label = style(workbook, IndexedColors.LIGHT_CORNFLOWER_BLUE, true);
			Sheet rules = workbook.createSheet("Rules");
			List<String> lines = Files.readAllLines(Path.of(args[0]), StandardCharsets.UTF_8);
			CsvLineParser parser = new CsvLineParser();
			for (int r = 0; r < lines.size(); r++) {
				Row row = rules.createRow(r);
				List<String> cells = lines.get(r).isEmpty() ? List.of()
						: parser.parse(lines.get(r)).stream().map(Object::toString).toList();
				boolean isKeywordRow = !cells.isEmpty()
						&& (cells.get(0).equals("NAME") || cells.get(0).startsWith("RuleTable"));
				boolean isLabelRow = !cells.isEmpty() && cells.get(0).equals("Row");
				boolean isPatternRow = r > 0 && lines.get(r - 1).startsWith("NAME,");
				for (int c = 0; c < cells.size(); c++) {
					// Every cell is written, even empty ones: Drools reads the pattern
					// row cell by cell (stack.md P7).
					var cell = row.createCell(c);
					String text = cells.get(c);
					if (isPatternRow && text.endsWith("...")) {
						// CSV repeats a pattern with "..."; a workbook merges its cells
						// instead.
						int end = c;
						while (end + 1 < cells.size() && cells.get(end + 1).equals(text)) {
							end++;
						}
						cell.setCellValue(text.substring(0, text.length() - 3));
						for (int m = c + 1; m <= end; m++) {
							row.createCell(m);
						}
						if (end > c) {
							rules.addMergedRegion(new CellRangeAddress(r, r, c, end));
						}
						c = end;
						continue;
					}
					if (!text.isEmpty()) {
						cell.setCellValue(text);
					}
					if (isKeywordRow) {
						cell.setCellStyle(keyword);
					}
					else if (isLabelRow) {
						cell.setCellStyle(label);
					}
				}
			}
			for (int c = 0; c < 30; c++) {
				rules.setColumnWidth(c, c == 0 ? 14 * 256 : 22 * 256);
			}
			Sheet reasons = workbook.createSheet("Reasons");
			List<String> messageLines = Files.readAllLines(Path.of(args[1]), StandardCharsets.UTF_8);
			for (int r = 0; r < messageLines.size(); r++) {
				Row row = reasons.createRow(r);
				List<String> cells = parser.parse(messageLines.get(r)).stream().map(Object::toString).toList();
				for (int c = 0; c < cells.size(); c++) {
					row.createCell(c).setCellValue(cells.get(c));
					if (r == 0) {
						row.getCell(c).setCellStyle(label);
					}
				}
			}
			reasons.setColumnWidth(0, 36 * 256);
			for (int c = 1; c < 4; c++) {
				reasons.setColumnWidth(c, 70 * 256);
			}
			Sheet about = workbook.createSheet("About");
			List<String> aboutLines = Files.readAllLines(Path.of(args[2]), StandardCharsets.UTF_8);
			for (int r = 0; r < aboutLines.size(); r++) {
				about.createRow(r).createCell(0).setCellValue(aboutLines.get(r));
			}
			about.setColumnWidth(0, 120 * 256);
			workbook.write(out);
		}
	}

	private static CellStyle style(XSSFWorkbook workbook, IndexedColors fill, boolean bold) {
		CellStyle style = workbook.createCellStyle();
		style.setFillForegroundColor(fill.getIndex());
		style.setFillPattern(FillPatternType.SOLID_FOREGROUND);
		Font font = workbook.createFont();
		font.setBold(bold);
		style.setFont(font);
		return style;
	}

}
