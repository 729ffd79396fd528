package org.passage.rules.table;

import java.util.Locale;

/**
 * A decision table file as uploaded or shipped: its name tells its format.
 *
 * @param name the file name, ending {@code .xlsx} or {@code .csv}
 * @param content the bytes
 */
public record TableFile(String name, byte[] content) {

	public TableFile {
		content = content.clone();
	}

	/** Whether this is a CSV file rather than an XLSX workbook. */
	public boolean isCsv() {
		return this.name.toLowerCase(Locale.ROOT).endsWith(".csv");
	}

	@Override
	public byte[] content() {
		return this.content.clone();
	}

}
