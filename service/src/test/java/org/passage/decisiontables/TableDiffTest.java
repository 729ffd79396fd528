package org.passage.decisiontables;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.function.Consumer;

import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.usermodel.Workbook;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.Test;
import org.passage.decisiontables.TableDiff.CellChange;
import org.passage.decisiontables.TableDiff.Change;
import org.passage.decisiontables.TableDiff.RowChange;
import org.passage.decisiontables.TableDiff.TableChange;
import org.passage.rules.table.TableFile;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The difference between two versions of the shipped GAF workbook, as policy staff read
 * it. Rows of the {@code Rules} sheet as shipped (zero-based): 24 is G14 (column P,
 * "Amount up to", 1000), 25 is G15 (column O, "Amount above", 1000), 26 is G16, 27 is
 * G17; row 14 of the Reasons sheet is GAF_BAND_1.
 */
class TableDiffTest {

	@Test
	void theSameWorkbookHasNoDifference() throws IOException {
		ReadableTables shipped = tables(workbook -> {
		});

		TableDiff diff = TableDiff.between(shipped, shipped);

		assertThat(diff.isEmpty()).isTrue();
	}

	@Test
	void movingTheBandOneEdgeIsTwoChangedCellsInTwoRows() throws IOException {
		TableDiff diff = TableDiff.between(tables(workbook -> {
		}), tables(workbook -> {
			rules(workbook).getRow(24).getCell(15).setCellValue(1500);
			rules(workbook).getRow(25).getCell(14).setCellValue(1500);
		}));

		assertThat(diff.tables()).hasSize(1);
		TableChange eligibility = diff.tables().get(0);
		assertThat(eligibility.table()).isEqualTo("GAF eligibility");
		assertThat(eligibility.change()).isEqualTo(Change.CHANGED);
		assertThat(eligibility.rows()).containsExactly(
				new RowChange("G14", Change.CHANGED, 15, 15, false,
						List.of(new CellChange("Amount up to", "1000", "1500"))),
				new RowChange("G15", Change.CHANGED, 16, 16, false,
						List.of(new CellChange("Amount above", "1000", "1500"))));
		assertThat(diff.wordings()).isEmpty();
		assertThat(diff.count(Change.CHANGED)).isEqualTo(2);
	}

	@Test
	void aRowRemovedAndOneAddedAreListedWithTheirFilledCells() throws IOException {
		TableDiff diff = TableDiff.between(tables(workbook -> {
		}), tables(workbook -> {
			// G17 becomes G17x: to the diff, G17 is removed and G17x added
			rules(workbook).getRow(27).getCell(0).setCellValue("G17x");
		}));

		List<RowChange> rows = diff.tables().get(0).rows();
		assertThat(rows).extracting(RowChange::row, RowChange::change)
			.containsExactly(org.assertj.core.groups.Tuple.tuple("G17x", Change.ADDED),
					org.assertj.core.groups.Tuple.tuple("G17", Change.REMOVED));
		RowChange added = rows.get(0);
		assertThat(added.toPosition()).isEqualTo(18);
		assertThat(added.cells()).contains(new CellChange("Victim status", "", "IDENTIFIED"),
				new CellChange("Amount above", "", "6000"), new CellChange("Approval level", "", "HQ"),
				new CellChange("Reason", "", "GAF_BAND_4"));
		assertThat(added.cells()).noneMatch(cell -> cell.to().isEmpty());
		assertThat(rows.get(1).fromPosition()).isEqualTo(18);
		assertThat(rows.get(1).cells()).contains(new CellChange("Reason", "GAF_BAND_4", ""));
	}

	@Test
	void aRowMovedInAFirstMatchTableIsOneMovedRowNotEveryRowItPassed() throws IOException {
		TableDiff diff = TableDiff.between(tables(workbook -> {
		}), tables(workbook -> {
			// G17 (row 27) swaps places with G14 (row 24): cells are copied, so G17 now
			// stands third from last... and G14 last
			Sheet rules = rules(workbook);
			swap(rules.getRow(24), rules.getRow(27));
		}));

		List<RowChange> rows = diff.tables().get(0).rows();
		// Of G14 G15 G16 G17 → G17 G15 G16 G14 the longest order both keep is G15 G16:
		// G17 and G14 moved.
		assertThat(rows).extracting(RowChange::row).containsExactly("G17", "G14");
		assertThat(rows).allMatch(RowChange::moved).allMatch(row -> row.cells().isEmpty());
		assertThat(rows.get(0).fromPosition()).isEqualTo(18);
		assertThat(rows.get(0).toPosition()).isEqualTo(15);
	}

	@Test
	void aReasonReworded() throws IOException {
		TableDiff diff = TableDiff.between(tables(workbook -> {
		}), tables(workbook -> {
			Row band1 = workbook.getSheet("Reasons").getRow(14);
			assertThat(band1.getCell(0).getStringCellValue()).isEqualTo("GAF_BAND_1");
			band1.getCell(2)
				.setCellValue("Éligible au GAF, tranche 1 (jusqu'à 1 500 USD) : approbation du superviseur.");
		}));

		assertThat(diff.tables()).isEmpty();
		assertThat(diff.wordings()).containsExactly(new TableDiff.WordingChange("GAF_BAND_1", "fr",
				"Éligible au GAF, tranche 1 (jusqu'à 1 000 USD) : approbation du superviseur.",
				"Éligible au GAF, tranche 1 (jusqu'à 1 500 USD) : approbation du superviseur."));
	}

	private static void swap(Row a, Row b) {
		for (int c = 0; c < Math.max(a.getLastCellNum(), b.getLastCellNum()); c++) {
			String x = text(a, c);
			String y = text(b, c);
			a.createCell(c).setCellValue(y);
			b.createCell(c).setCellValue(x);
		}
	}

	private static String text(Row row, int c) {
		var cell = row.getCell(c);
		if (cell == null) {
			return "";
		}
		return switch (cell.getCellType()) {
			case NUMERIC -> new java.math.BigDecimal(String.valueOf(cell.getNumericCellValue())).stripTrailingZeros()
				.toPlainString();
			case BOOLEAN -> String.valueOf(cell.getBooleanCellValue());
			default -> cell.getStringCellValue();
		};
	}

	private static Sheet rules(Workbook workbook) {
		return workbook.getSheet("Rules");
	}

	/** The shipped GAF workbook, changed by {@code change}, as people read it. */
	static ReadableTables tables(Consumer<Workbook> change) throws IOException {
		try (InputStream in = TableDiffTest.class
			.getResourceAsStream("/decision-tables/gaf-eligibility/gaf-eligibility.xlsx");
				Workbook workbook = new XSSFWorkbook(in)) {
			change.accept(workbook);
			ByteArrayOutputStream out = new ByteArrayOutputStream();
			workbook.write(out);
			return ReadableTables.of(List.of(new TableFile("gaf-eligibility.xlsx", out.toByteArray())));
		}
	}

}
