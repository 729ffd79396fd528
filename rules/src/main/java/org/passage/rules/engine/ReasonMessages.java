package org.passage.rules.engine;

import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.passage.rules.table.Grid;

/**
 * The wording of reason codes per language, from a table's {@code Reasons} sheet (columns
 * {@code code}, {@code en}, {@code fr}, {@code es}, ...). A missing translation falls
 * back to English, and a missing English message to the code itself.
 */
public final class ReasonMessages {

	/** The languages Passage ships messages in. */
	public static final List<String> LANGUAGES = List.of("en", "fr", "es");

	private final Map<String, Map<String, String>> byCode;

	private ReasonMessages(Map<String, Map<String, String>> byCode) {
		this.byCode = byCode;
	}

	public static ReasonMessages empty() {
		return new ReasonMessages(Map.of());
	}

	/** Whether a sheet holds reason messages: its first cell reads {@code code}. */
	public static boolean isReasonSheet(Grid grid) {
		return grid.cell(0, 0).equalsIgnoreCase("code");
	}

	/**
	 * Reads a reasons sheet: a header row of language codes, then one row per reason
	 * code.
	 */
	public static ReasonMessages parse(Grid grid) {
		Map<String, Map<String, String>> byCode = new HashMap<>();
		for (int r = 1; r < grid.rows().size(); r++) {
			String code = grid.cell(r, 0);
			if (code.isEmpty()) {
				continue;
			}
			Map<String, String> messages = new HashMap<>();
			for (int c = 1; c < grid.width(0); c++) {
				String text = grid.cell(r, c);
				if (!text.isEmpty()) {
					messages.put(grid.cell(0, c).toLowerCase(Locale.ROOT), text);
				}
			}
			byCode.put(code, Map.copyOf(messages));
		}
		return new ReasonMessages(Map.copyOf(byCode));
	}

	/** These messages and {@code other}'s together; on a clash {@code other} wins. */
	public ReasonMessages with(ReasonMessages other) {
		Map<String, Map<String, String>> merged = new HashMap<>(this.byCode);
		merged.putAll(other.byCode);
		return new ReasonMessages(Map.copyOf(merged));
	}

	/**
	 * The message for {@code code} in {@code locale}'s language, else English, else the
	 * code.
	 */
	public String message(String code, Locale locale) {
		Map<String, String> messages = this.byCode.getOrDefault(code, Map.of());
		String text = messages.get(locale.getLanguage());
		return text != null ? text : messages.getOrDefault("en", code);
	}

	/** Whether {@code code} has an English message. */
	public boolean hasEnglish(String code) {
		return this.byCode.getOrDefault(code, Map.of()).containsKey("en");
	}

}
