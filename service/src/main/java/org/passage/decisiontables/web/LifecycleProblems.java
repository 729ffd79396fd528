package org.passage.decisiontables.web;

import java.net.URI;
import java.util.List;
import java.util.Locale;

import org.passage.decisiontables.LifecycleRefused;
import org.passage.rules.facts.FieldError;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/**
 * A policy action Passage refuses, as {@code application/problem+json} naming the field
 * at fault: 403 for four eyes, 400 for a request that is wrong whatever the state, 409
 * for a version (or rollback, or simulation) not in a state that allows it. For the
 * policy staff's APIs, here and in the impact module.
 */
@RestControllerAdvice(basePackages = { "org.passage.decisiontables.web", "org.passage.impact.web" })
@Order(Ordered.HIGHEST_PRECEDENCE + 10)
class LifecycleProblems {

	@ExceptionHandler(LifecycleRefused.class)
	ResponseEntity<ProblemDetail> refused(LifecycleRefused ex) {
		HttpStatus status = switch (ex.why()) {
			case OWN_VERSION -> HttpStatus.FORBIDDEN;
			case WRONG_STATUS, HAS_FINDINGS, DUPLICATE -> HttpStatus.CONFLICT;
			case INVALID -> HttpStatus.BAD_REQUEST;
		};
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, ex.getMessage());
		problem.setType(URI
			.create("urn:passage:problem:ruleset-" + ex.why().name().toLowerCase(Locale.ROOT).replace('_', '-')));
		problem.setTitle(status.getReasonPhrase());
		problem.setProperty("errors", List.of(new FieldError(ex.field(), ex.getMessage(), List.of())));
		return ResponseEntity.status(status).contentType(MediaType.APPLICATION_PROBLEM_JSON).body(problem);
	}

}
