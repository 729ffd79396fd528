package org.passage.web;

import java.util.Arrays;
import java.util.List;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import org.passage.rules.facts.FieldError;

/** What Jackson could not read, as the field at fault and the values it allows. */
public final class JsonFieldErrors {

	private JsonFieldErrors() {
	}

	public static FieldError of(JsonProcessingException ex) {
		String field = ex instanceof JsonMappingException mapping && !mapping.getPath().isEmpty()
				? path(mapping.getPath()) : "(body)";
		if (ex instanceof UnrecognizedPropertyException unknown) {
			return new FieldError(field, "is not a field of this request",
					unknown.getKnownPropertyIds().stream().map(Object::toString).sorted().toList());
		}
		if (ex instanceof InvalidFormatException format && format.getTargetType() != null
				&& format.getTargetType().isEnum()) {
			return new FieldError(field, "'" + format.getValue() + "' is not an allowed value",
					Arrays.stream(format.getTargetType().getEnumConstants()).map(Object::toString).toList());
		}
		return new FieldError(field, ex.getOriginalMessage().split("\n")[0], List.of());
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
