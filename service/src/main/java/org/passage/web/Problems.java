package org.passage.web;

import java.net.URI;
import java.util.List;

import org.passage.rules.facts.FieldError;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.ErrorResponseException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.method.annotation.HandlerMethodValidationException;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

/**
 * Every error as {@code application/problem+json} (RFC 9457), with a stable {@code type}
 * and, for bad input, the fields at fault and the values they allow. Spring MVC's own
 * errors (415, 405, malformed JSON) come through here too.
 */
@RestControllerAdvice
public class Problems extends ResponseEntityExceptionHandler {

	private static final String TYPES = "urn:passage:problem:";

	private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(Problems.class);

	@ExceptionHandler(InvalidRequestException.class)
	ProblemDetail invalid(InvalidRequestException ex) {
		return withErrors(problem(HttpStatus.BAD_REQUEST, "invalid-request", "Invalid request", ex.getMessage()),
				ex.errors());
	}

	@ExceptionHandler(NotFoundException.class)
	ProblemDetail notFound(NotFoundException ex) {
		ProblemDetail problem = problem(HttpStatus.NOT_FOUND, "not-found", "Not found", ex.getMessage());
		return ex.errors().isEmpty() ? problem : withErrors(problem, ex.errors());
	}

	@ExceptionHandler(jakarta.validation.ConstraintViolationException.class)
	ProblemDetail constraintViolation(jakarta.validation.ConstraintViolationException ex) {
		return withErrors(
				problem(HttpStatus.BAD_REQUEST, "invalid-request", "Invalid request",
						"Some parameters are out of range."),
				ex.getConstraintViolations()
					.stream()
					.map(v -> new FieldError(v.getPropertyPath().toString(), v.getMessage(), List.of()))
					.toList());
	}

	@ExceptionHandler(PayloadTooLargeException.class)
	ProblemDetail tooLarge(PayloadTooLargeException ex) {
		return payloadTooLarge(ex.getMessage());
	}

	/**
	 * The 413 problem, also for the size filter, which answers before Spring MVC runs.
	 */
	static ProblemDetail payloadTooLarge(String detail) {
		return problem(HttpStatus.PAYLOAD_TOO_LARGE, "payload-too-large", "Payload too large", detail);
	}

	@ExceptionHandler(MethodArgumentTypeMismatchException.class)
	ProblemDetail typeMismatch(MethodArgumentTypeMismatchException ex) {
		if (ex.getParameter().getParameterType() == java.util.UUID.class && ex.getName().equals("id")) {
			return problem(HttpStatus.NOT_FOUND, "not-found", "Not found", "No decision " + ex.getValue());
		}
		Class<?> type = ex.getRequiredType();
		List<String> allowed = type != null && type.isEnum()
				? java.util.Arrays.stream(type.getEnumConstants()).map(Object::toString).toList() : List.of();
		return withErrors(
				problem(HttpStatus.BAD_REQUEST, "invalid-request", "Invalid request",
						"A parameter has the wrong type."),
				List.of(new FieldError(ex.getName(), "'" + ex.getValue() + "' is not valid", allowed)));
	}

	@Override
	protected ResponseEntity<Object> handleHttpMessageNotReadable(HttpMessageNotReadableException ex,
			HttpHeaders headers, HttpStatusCode status, WebRequest request) {
		for (Throwable cause = ex; cause != null; cause = cause.getCause()) {
			if (cause instanceof PayloadTooLargeException large) {
				return ResponseEntity.status(HttpStatus.PAYLOAD_TOO_LARGE).body(tooLarge(large));
			}
		}
		if (ex.getCause() instanceof com.fasterxml.jackson.core.JsonProcessingException json) {
			// Well-formed JSON with a field Passage does not know, of the wrong type or
			// value, or given twice.
			FieldError error = JsonFieldErrors.of(json);
			if (!error.field().equals("(body)")) {
				return ResponseEntity.badRequest()
					.body(withErrors(problem(HttpStatus.BAD_REQUEST, "invalid-request", "Invalid request",
							error.field() + " " + error.message() + "."), List.of(error)));
			}
		}
		ProblemDetail problem = withErrors(
				problem(HttpStatus.BAD_REQUEST, "malformed-json", "Malformed JSON",
						"The body is not well-formed JSON."),
				List.of(new FieldError("(body)", "is not JSON", List.of())));
		return ResponseEntity.badRequest().body(problem);
	}

	@Override
	protected ResponseEntity<Object> handleMethodArgumentNotValid(
			org.springframework.web.bind.MethodArgumentNotValidException ex, HttpHeaders headers, HttpStatusCode status,
			WebRequest request) {
		List<FieldError> errors = ex.getBindingResult()
			.getFieldErrors()
			.stream()
			.map(error -> new FieldError(error.getField(), String.valueOf(error.getDefaultMessage()), List.of()))
			.toList();
		return ResponseEntity.badRequest()
			.body(withErrors(problem(HttpStatus.BAD_REQUEST, "invalid-request", "Invalid request",
					"Some fields are missing or out of range."), errors));
	}

	@Override
	protected ResponseEntity<Object> handleHandlerMethodValidationException(HandlerMethodValidationException ex,
			HttpHeaders headers, HttpStatusCode status, WebRequest request) {
		List<FieldError> errors = ex.getParameterValidationResults()
			.stream()
			.flatMap(result -> result.getResolvableErrors()
				.stream()
				.map(error -> new FieldError(result.getMethodParameter().getParameterName(),
						String.valueOf(error.getDefaultMessage()), List.of())))
			.toList();
		return ResponseEntity.badRequest()
			.body(withErrors(problem(HttpStatus.BAD_REQUEST, "invalid-request", "Invalid request",
					"Some parameters are out of range."), errors));
	}

	/** A 400 for a query parameter or header outside its values. */
	public static ErrorResponseException invalidParameter(String name, String value, List<String> allowed) {
		return new ErrorResponseException(HttpStatus.BAD_REQUEST,
				withErrors(
						problem(HttpStatus.BAD_REQUEST, "invalid-request", "Invalid request", name + " is not valid"),
						List.of(new FieldError(name, "'" + value + "' is not valid", allowed))),
				null);
	}

	public static ErrorResponseException conflict(String type, String detail) {
		return new ErrorResponseException(HttpStatus.CONFLICT, problem(HttpStatus.CONFLICT, type, "Conflict", detail),
				null);
	}

	public static ErrorResponseException forbidden(String type, String detail) {
		return new ErrorResponseException(HttpStatus.FORBIDDEN,
				problem(HttpStatus.FORBIDDEN, type, "Forbidden", detail), null);
	}

	public static ErrorResponseException unprocessable(String type, String detail) {
		return new ErrorResponseException(HttpStatus.UNPROCESSABLE_ENTITY,
				problem(HttpStatus.UNPROCESSABLE_ENTITY, type, "Unprocessable request", detail), null);
	}

	/**
	 * Passage's type of a problem with {@code status} when nothing more precise is known.
	 */
	public static String typeOf(HttpStatusCode status) {
		return switch (status.value()) {
			case 400 -> "invalid-request";
			case 401 -> "unauthenticated";
			case 403 -> "forbidden";
			case 404 -> "not-found";
			case 405 -> "method-not-allowed";
			case 406 -> "not-acceptable";
			case 409 -> "conflict";
			case 413 -> "payload-too-large";
			case 415 -> "unsupported-media-type";
			case 503 -> "service-unavailable";
			default -> status.is5xxServerError() ? "internal-error" : "http-" + status.value();
		};
	}

	/**
	 * Spring MVC's own problems (405, 406, 415, a path with no handler) get a type of
	 * Passage's instead of {@code about:blank}, and words of Passage's where Spring's
	 * name its internals.
	 */
	@Override
	protected ResponseEntity<Object> createResponseEntity(Object body, HttpHeaders headers, HttpStatusCode status,
			WebRequest request) {
		if (body instanceof ProblemDetail problem
				&& (problem.getType() == null || URI.create("about:blank").equals(problem.getType()))) {
			problem.setType(URI.create(TYPES + typeOf(status)));
			if (status.value() == 404) {
				// Spring says "No static resource ...": not how Passage speaks of its
				// API.
				problem.setDetail("Passage has nothing at this address.");
			}
		}
		return super.createResponseEntity(body, headers, status, request);
	}

	/**
	 * Anything else is Passage's failure: logged, and answered without a word of what
	 * failed inside. Spring Security's refusals go on to its own handlers.
	 */
	@ExceptionHandler(Exception.class)
	ProblemDetail unexpected(Exception ex) throws Exception {
		if (ex instanceof org.springframework.security.access.AccessDeniedException
				|| ex instanceof org.springframework.security.core.AuthenticationException) {
			throw ex;
		}
		log.error("Request failed", ex);
		return problem(HttpStatus.INTERNAL_SERVER_ERROR, "internal-error", "Internal error",
				"Passage failed to answer; the failure is logged under this response's X-Request-Id.");
	}

	/** A problem of Passage's own {@code type}: a code such as {@code not-found}. */
	public static ProblemDetail of(HttpStatusCode status, String type, String title, String detail) {
		return problem(status, type, title, detail);
	}

	private static ProblemDetail problem(HttpStatusCode status, String type, String title, String detail) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
		problem.setType(URI.create(TYPES + type));
		problem.setTitle(title);
		return problem;
	}

	private static ProblemDetail withErrors(ProblemDetail problem, List<FieldError> errors) {
		problem.setProperty("errors", errors);
		return problem;
	}

}
