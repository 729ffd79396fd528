package org.passage.web;

import java.util.List;

import org.passage.rules.facts.FieldError;

/**
 * A request Passage will not act on, with each field at fault. Always a 400, never a
 * change.
 */
public class InvalidRequestException extends RuntimeException {

	private final List<FieldError> errors;

	public InvalidRequestException(String message, List<FieldError> errors) {
		super(message);
		this.errors = List.copyOf(errors);
	}

	public List<FieldError> errors() {
		return this.errors;
	}

}
