package org.passage.rules.facts;

import java.util.List;
import java.util.stream.Collectors;

/** Input outside its declared domain: never decided, always named field by field. */
public class InvalidInputException extends IllegalArgumentException {

	private final List<FieldError> errors;

	public InvalidInputException(List<FieldError> errors) {
		super(errors.stream().map(e -> e.field() + ": " + e.message()).collect(Collectors.joining("; ")));
		this.errors = List.copyOf(errors);
	}

	public List<FieldError> errors() {
		return this.errors;
	}

}
