package org.passage.web;

/** What was asked for does not exist (or the caller may not know it does): a 404. */
public class NotFoundException extends RuntimeException {

	public NotFoundException(String message) {
		super(message);
	}

}
