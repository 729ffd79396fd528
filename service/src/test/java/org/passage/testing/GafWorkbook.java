package org.passage.testing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.function.Consumer;

import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.usermodel.Workbook;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The shipped GAF workbook with the change policy staff make most in the tests: the
 * band-1 edge moved (sheet Rules, row 25 G14 column P "Amount up to" and row 26 G15
 * column O "Amount above"), as they would in Calc.
 */
public final class GafWorkbook {

	private GafWorkbook() {
	}

	/** The shipped workbook with band 1 up to {@code edge} and band 2 above it. */
	public static byte[] withBandOneUpTo(int edge) {
		return withBandOneUpTo(edge, workbook -> {
		});
	}

	/** As {@link #withBandOneUpTo(int)}, then {@code more} edits the workbook further. */
	public static byte[] withBandOneUpTo(int edge, Consumer<Workbook> more) {
		try (InputStream in = GafWorkbook.class
			.getResourceAsStream("/decision-tables/gaf-eligibility/gaf-eligibility.xlsx");
				Workbook workbook = new XSSFWorkbook(in)) {
			Sheet rules = workbook.getSheet("Rules");
			assertThat(rules.getRow(24).getCell(0).getStringCellValue()).isEqualTo("G14");
			assertThat(rules.getRow(25).getCell(0).getStringCellValue()).isEqualTo("G15");
			rules.getRow(24).getCell(15).setCellValue(edge);
			rules.getRow(25).getCell(14).setCellValue(edge);
			more.accept(workbook);
			ByteArrayOutputStream out = new ByteArrayOutputStream();
			workbook.write(out);
			return out.toByteArray();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
