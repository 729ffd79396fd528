package org.passage.ui;

import java.math.BigDecimal;
import java.text.NumberFormat;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;
import java.util.Locale;

import org.springframework.stereotype.Component;

/**
 * Dates and amounts as the reader's language writes them, for the templates
 * ({@code ${@formats.dateTime(step.created, #locale)}}). Times are shown in UTC, and say
 * so.
 */
@Component("formats")
class Formats {

	public String dateTime(OffsetDateTime at, Locale locale) {
		if (at == null) {
			return "";
		}
		return DateTimeFormatter.ofLocalizedDateTime(FormatStyle.MEDIUM, FormatStyle.SHORT)
			.withLocale(locale)
			.format(at.atZoneSameInstant(ZoneOffset.UTC).toLocalDateTime()) + " UTC";
	}

	public String instant(java.time.Instant at, Locale locale) {
		return at == null ? "" : dateTime(at.atOffset(ZoneOffset.UTC), locale);
	}

	/** The day of an instant, in UTC: {@code Dec 3, 2026}. */
	public String day(java.time.Instant at, Locale locale) {
		return at == null ? ""
				: DateTimeFormatter.ofLocalizedDate(FormatStyle.MEDIUM)
					.withLocale(locale)
					.format(at.atOffset(ZoneOffset.UTC).toLocalDate());
	}

	public String amount(BigDecimal amount, Locale locale) {
		if (amount == null) {
			return "";
		}
		NumberFormat format = NumberFormat.getNumberInstance(locale);
		format.setMinimumFractionDigits(2);
		format.setMaximumFractionDigits(2);
		return format.format(amount);
	}

}
