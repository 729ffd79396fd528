package org.passage.web;

import java.util.List;

import org.passage.rules.facts.FieldError;

/**
 * What was asked for does not exist (or the caller may not know it does): a 404, naming
 * the field of the request that pointed at it when there is one.
 */
public class NotFoundException extends RuntimeException {

	private final List<FieldError> errors;

	public NotFoundException(String message) {
		this(message, List.of());
	}

	public NotFoundException(String message, List<FieldError> errors) {
		super(message);
		this.errors = List.copyOf(errors);
	}

	public List<FieldError> errors() {
		return this.errors;
	}

}
