package org.passage.tasks;

import java.util.List;

import org.passage.web.InvalidRequestException;

/**
 * A step's form that is not filled in as it asks: a 400 for the API (its errors in
 * English), and the problems by code for the pages to word in the reader's language.
 */
public class FormRefused extends InvalidRequestException {

	private final List<FieldProblem> problems;

	public FormRefused(String message, List<FieldProblem> problems) {
		super(message, problems.stream().map(FieldProblem::toFieldError).toList());
		this.problems = List.copyOf(problems);
	}

	public List<FieldProblem> problems() {
		return this.problems;
	}

}
