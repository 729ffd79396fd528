package org.passage.decisions;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.type.LogicalType;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validator;
import org.passage.rules.decision.Programme;
import org.passage.rules.facts.FieldError;
import org.passage.web.InvalidRequestException;
import org.passage.web.JsonFieldErrors;
import org.springframework.stereotype.Component;

/**
 * Reads a programme's request from JSON strictly: unknown fields, wrong types, numbers as
 * strings or strings as numbers, and missing fields are all errors naming the field, with
 * the values it allows.
 */
@Component
class RequestReader {

	private final ObjectMapper json;

	private final Validator validator;

	RequestReader(ObjectMapper json, Validator validator) {
		this.json = json.copy()
			.enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES,
					DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES,
					DeserializationFeature.FAIL_ON_NUMBERS_FOR_ENUMS, DeserializationFeature.FAIL_ON_TRAILING_TOKENS,
					DeserializationFeature.FAIL_ON_READING_DUP_TREE_KEY)
			.disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT);
		// "500" is not a number and 1 is not a boolean: no guessing at what a caller
		// meant.
		this.json.coercionConfigDefaults().setCoercion(CoercionInputShape.String, CoercionAction.Fail);
		this.json.coercionConfigFor(LogicalType.Boolean).setCoercion(CoercionInputShape.Integer, CoercionAction.Fail);
		this.validator = validator;
	}

	static Class<? extends DecisionRequest> typeOf(Programme programme) {
		return switch (programme) {
			case GAF -> GafRequest.class;
			case HASM -> HasmRequest.class;
			case REINTEGRATION -> ReintegrationRequest.class;
		};
	}

	DecisionRequest read(Programme programme, JsonNode body) {
		if (body == null || !body.isObject()) {
			throw new InvalidRequestException("The body must be a JSON object.", List.of());
		}
		ObjectReader reader = this.json.readerFor(typeOf(programme));
		DecisionRequest request;
		try {
			request = reader.readValue(body);
		}
		catch (JsonProcessingException ex) {
			throw new InvalidRequestException("The body does not match the " + programme + " request.",
					List.of(JsonFieldErrors.of(ex)));
		}
		catch (java.io.IOException ex) {
			throw new java.io.UncheckedIOException(ex);
		}
		Set<ConstraintViolation<DecisionRequest>> violations = this.validator.validate(request);
		if (!violations.isEmpty()) {
			List<FieldError> errors = new ArrayList<>();
			violations.stream()
				.sorted(Comparator.comparing(v -> v.getPropertyPath().toString()))
				.forEach(v -> errors.add(new FieldError(v.getPropertyPath().toString(), v.getMessage(), List.of())));
			throw new InvalidRequestException("Some fields are missing or malformed.", errors);
		}
		return request;
	}

}
