package org.passage.tasks;

import java.util.List;

import org.passage.rules.facts.FieldError;

/**
 * Why a value given for a form's field is refused: a stable code (the pages word it in
 * the reader's language), its arguments, and the values the field allows.
 *
 * @param field the field's key
 * @param code {@code required}, {@code min}, {@code choice}, ... (see
 * {@link #toFieldError()} for them all)
 * @param arguments what the code's wording needs: a bound, a length, a value
 * @param allowed the values a choice field offers, else empty
 */
public record FieldProblem(String field, String code, List<String> arguments, List<String> allowed) {

	public FieldProblem {
		arguments = List.copyOf(arguments);
		allowed = List.copyOf(allowed);
	}

	/** The problem as the API words it, in English. */
	public FieldError toFieldError() {
		String argument = this.arguments.isEmpty() ? "" : this.arguments.get(0);
		String message = switch (this.code) {
			case "required" -> "is required";
			case "notAField" -> "is not a field of form " + argument;
			case "notAnObject" -> "must be a JSON object";
			case "boolean" -> "must be true or false";
			case "number" -> "must be a number";
			case "min" -> "must be at least " + argument;
			case "max" -> "must be at most " + argument;
			case "wholeNumber" -> "must be a whole number";
			case "decimals" -> "must have at most " + argument + " decimal places";
			case "choice" -> "is not one of the choices";
			case "choices" -> "must be a list of choices";
			case "choiceRepeated" -> "holds '" + argument + "', which is not a choice or is repeated";
			case "text" -> "must be text";
			case "controlCharacters" -> "must not contain control characters";
			case "maxLength" -> "must be at most " + argument + " characters";
			case "reserved" -> "must be at most " + argument + ", the amount reserved";
			case "commentWhenRejecting" -> "is required when rejecting: say why";
			default -> throw new IllegalStateException("No wording for " + this.code);
		};
		return new FieldError(this.field, message, this.allowed);
	}

}
