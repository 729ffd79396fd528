package org.passage.web;

import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonStreamContext;
import com.fasterxml.jackson.core.exc.StreamReadException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import org.passage.rules.facts.FieldError;

/**
 * What Jackson could not read, as the field at fault, a sentence saying what it must be
 * (never Jackson's own words, which name Java types), and the values it allows.
 */
public final class JsonFieldErrors {

	private static final Pattern DUPLICATE = Pattern.compile("Duplicate field '(.*)'");

	private JsonFieldErrors() {
	}

	public static FieldError of(JsonProcessingException ex) {
		// Deep in the body the parser's error comes wrapped in a mapping error.
		for (Throwable cause = ex; cause != null; cause = cause.getCause()) {
			if (cause instanceof StreamReadException read && duplicate(read) != null) {
				return duplicate(read);
			}
		}
		String field = ex instanceof JsonMappingException mapping && !mapping.getPath().isEmpty()
				? path(mapping.getPath()) : "(body)";
		if (ex instanceof UnrecognizedPropertyException unknown) {
			return new FieldError(field, "is not a field of this request",
					unknown.getKnownPropertyIds().stream().map(Object::toString).sorted().toList());
		}
		if (ex instanceof JsonSettings.RepeatedValueException repeated) {
			return new FieldError(field, "holds " + repeated.value() + " more than once", List.of());
		}
		if (ex instanceof MismatchedInputException mismatched && mismatched.getTargetType() != null) {
			Class<?> type = mismatched.getTargetType();
			if (type.isEnum()) {
				List<String> allowed = Arrays.stream(type.getEnumConstants()).map(Object::toString).toList();
				return ex instanceof InvalidFormatException format && format.getValue() instanceof String value
						? new FieldError(field, "'" + value + "' is not an allowed value", allowed)
						: new FieldError(field, "must be one of the allowed values, as text", allowed);
			}
			return new FieldError(field, mustBe(type), List.of());
		}
		return new FieldError(field, "cannot be read", List.of());
	}

	/** What a value of {@code type} must be, in words. */
	private static String mustBe(Class<?> type) {
		if (type == int.class || type == long.class || type == short.class || type == Integer.class
				|| type == Long.class || type == Short.class || type == java.math.BigInteger.class) {
			return "must be a whole number";
		}
		if (type.isPrimitive() && type != boolean.class || Number.class.isAssignableFrom(type)) {
			return "must be a number";
		}
		if (type == boolean.class || type == Boolean.class) {
			return "must be true or false";
		}
		if (CharSequence.class.isAssignableFrom(type)) {
			return "must be text";
		}
		if (type.isArray() || Collection.class.isAssignableFrom(type)) {
			return "must be a list";
		}
		if (java.time.temporal.Temporal.class.isAssignableFrom(type)) {
			return "must be a date and time such as 2026-01-31T12:00:00Z";
		}
		return "must be an object";
	}

	/**
	 * A key given twice in one object, named by its path: the parser stops at it, so its
	 * context is the object that holds it.
	 */
	private static FieldError duplicate(StreamReadException ex) {
		Matcher name = DUPLICATE.matcher(String.valueOf(ex.getOriginalMessage()));
		if (!name.find()) {
			return null;
		}
		StringBuilder path = new StringBuilder(name.group(1));
		JsonParser parser = ex.getProcessor();
		if (parser != null) {
			for (JsonStreamContext context = parser.getParsingContext().getParent(); context != null
					&& !context.inRoot(); context = context.getParent()) {
				if (context.inObject() && context.getCurrentName() != null) {
					path.insert(0, context.getCurrentName() + ".");
				}
				else if (context.inArray()) {
					path.insert(0, "[" + context.getCurrentIndex() + "].");
				}
			}
		}
		return new FieldError(path.toString().replace(".[", "["), "is given more than once", List.of());
	}

	private static String path(List<JsonMappingException.Reference> references) {
		StringBuilder path = new StringBuilder();
		for (JsonMappingException.Reference reference : references) {
			if (reference.getFieldName() != null) {
				path.append(path.isEmpty() ? "" : ".").append(reference.getFieldName());
			}
			else {
				path.append('[').append(reference.getIndex()).append(']');
			}
		}
		return path.toString();
	}

}
