package org.passage.rules.engine;

import java.util.List;
import java.util.Locale;

import org.junit.jupiter.api.Test;
import org.passage.rules.table.Grid;

import static org.assertj.core.api.Assertions.assertThat;

/** A reasons sheet: a code per row, its message per language, English when missing. */
class ReasonMessagesTest {

	private final Grid reasons = new Grid("Reasons",
			List.of(List.of("Code", "EN", "fr"), List.of("SMALL", "Small amount.", "Petit montant."),
					List.of("", "A row without a code is not a reason."), List.of("LARGE", "Large amount.")));

	@Test
	void isTheSheetWhoseFirstCellReadsCode() {
		assertThat(ReasonMessages.isReasonSheet(this.reasons)).isTrue();
		assertThat(ReasonMessages.isReasonSheet(new Grid("Rules", List.of(List.of("RuleSet", "org.passage")))))
			.isFalse();
		assertThat(ReasonMessages.isReasonSheet(new Grid("Empty", List.of()))).isFalse();
	}

	@Test
	void readsEachCodesMessageInTheReadersLanguageAndEnglishOtherwise() {
		ReasonMessages messages = ReasonMessages.parse(this.reasons);
		assertThat(messages.message("SMALL", Locale.FRENCH)).isEqualTo("Petit montant.");
		assertThat(messages.message("LARGE", Locale.FRENCH)).isEqualTo("Large amount.");
		assertThat(messages.message("SMALL", Locale.forLanguageTag("es"))).isEqualTo("Small amount.");
		assertThat(messages.message("UNKNOWN", Locale.ENGLISH)).isEqualTo("UNKNOWN");
		assertThat(messages.hasEnglish("LARGE")).isTrue();
		assertThat(messages.hasEnglish("")).isFalse();
	}

}
