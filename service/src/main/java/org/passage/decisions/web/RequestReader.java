package org.passage.decisions.web;

import java.lang.reflect.Method;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
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
import org.passage.rules.facts.InvalidInputException;
import org.passage.web.InvalidRequestException;
import org.passage.web.JsonFieldErrors;
import org.springframework.stereotype.Component;

/**
 * Reads a programme's request from JSON strictly, then makes the programme's input of it.
 * The JSON's shape is checked here: unknown fields, wrong JSON types, numbers as strings
 * or strings as numbers, duplicate keys are errors naming the field. The values' domain
 * (missing values, ranges, sets) is the input record's own, checked once by the rules'
 * {@code Domain}. Either way the caller gets an {@link InvalidRequestException} naming
 * each field at fault, with the values it allows.
 */
@Component
public class RequestReader {

	/** A request read: the input to decide, and what the request says besides. */
	public record Read(Record input, String caseId, Instant asOf) {
	}

	private final ObjectMapper json;

	private final Validator validator;

	private final RequestMapper mapper;

	private final Map<Programme, Class<? extends DecisionRequest>> types;

	RequestReader(ObjectMapper json, Validator validator, RequestMapper mapper) {
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
		this.mapper = mapper;
		this.types = requestTypes();
	}

	/**
	 * The request type of each programme: the one {@link RequestMapper} maps to the
	 * programme's input type, as the rules' registry names it.
	 */
	@SuppressWarnings("unchecked")
	private static Map<Programme, Class<? extends DecisionRequest>> requestTypes() {
		Map<Programme, Class<? extends DecisionRequest>> types = new EnumMap<>(Programme.class);
		for (Programme programme : Programme.values()) {
			for (Method method : RequestMapper.class.getMethods()) {
				if (method.getName().equals("toInput") && method.getParameterCount() == 1
						&& method.getReturnType() == programme.definition().inputType()) {
					types.put(programme, (Class<? extends DecisionRequest>) method.getParameterTypes()[0]);
				}
			}
			if (!types.containsKey(programme)) {
				throw new IllegalStateException("RequestMapper maps no request to "
						+ programme.definition().inputType().getSimpleName() + ", the input of " + programme);
			}
		}
		return types;
	}

	/**
	 * Reads {@code body} as a request of {@code programme} and makes its input.
	 * @throws InvalidRequestException naming each field at fault
	 */
	public Read read(Programme programme, JsonNode body) {
		DecisionRequest request = request(programme, body);
		try {
			return new Read(this.mapper.toInput(request), request.caseId(),
					request.asOf() == null ? null : request.asOf().toInstant());
		}
		catch (InvalidInputException ex) {
			throw new InvalidRequestException("Some values are outside their domain.", ex.errors());
		}
	}

	private DecisionRequest request(Programme programme, JsonNode body) {
		if (body == null || !body.isObject()) {
			throw new InvalidRequestException("The body must be a JSON object.", List.of());
		}
		ObjectReader reader = this.json.readerFor(this.types.get(programme));
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
		// What is not an input's domain: the shape of a case reference.
		Set<ConstraintViolation<DecisionRequest>> violations = this.validator.validate(request);
		if (!violations.isEmpty()) {
			List<FieldError> errors = new ArrayList<>();
			violations.stream()
				.sorted(Comparator.comparing(v -> v.getPropertyPath().toString()))
				.forEach(v -> errors.add(new FieldError(v.getPropertyPath().toString(), v.getMessage(), List.of())));
			throw new InvalidRequestException("Some fields are malformed.", errors);
		}
		return request;
	}

}
