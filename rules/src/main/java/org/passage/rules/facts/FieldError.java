package org.passage.rules.facts;

import java.util.List;

/**
 * One input field that is outside its domain.
 *
 * @param field the JSON/record name of the field
 * @param message what is wrong, in English
 * @param allowed the allowed values or range, for a caller to show
 */
public record FieldError(String field, String message, List<String> allowed) {

	public FieldError {
		allowed = List.copyOf(allowed);
	}

}
