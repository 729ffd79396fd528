package org.passage.tasks;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.passage.rules.facts.FieldError;

/**
 * A Camunda form (form-js schema) read as the rules its fields impose: required, min and
 * max, decimal digits, maximum length, and the values a select, radio or checklist
 * offers. Fields marked {@code properties.processVariable} are the ones the process
 * routes on.
 */
final class FormSchema {

	private final String id;

	private final JsonNode schema;

	private final Map<String, JsonNode> fields = new HashMap<>();

	FormSchema(JsonNode schema) {
		this.id = schema.path("id").asText();
		this.schema = schema;
		for (JsonNode field : schema.path("components")) {
			if (field.hasNonNull("key")) {
				this.fields.put(field.get("key").asText(), field);
			}
		}
	}

	String id() {
		return this.id;
	}

	JsonNode schema() {
		return this.schema;
	}

	/**
	 * The submitted values, checked and normalised (an unticked checkbox is false), or
	 * the errors.
	 */
	record Checked(ObjectNode values, Map<String, Object> processVariables, List<FieldError> errors) {
	}

	Checked check(JsonNode submitted) {
		List<FieldError> errors = new ArrayList<>();
		ObjectNode values = JsonNodeFactory.instance.objectNode();
		Map<String, Object> variables = new HashMap<>();
		if (submitted == null || !submitted.isObject()) {
			return new Checked(values, variables,
					List.of(new FieldError("(body)", "must be a JSON object", List.of())));
		}
		submitted.fieldNames().forEachRemaining(name -> {
			if (!this.fields.containsKey(name)) {
				errors
					.add(new FieldError(name, "is not a field of form " + this.id, List.copyOf(this.fields.keySet())));
			}
		});
		for (Map.Entry<String, JsonNode> entry : this.fields.entrySet()) {
			String key = entry.getKey();
			JsonNode field = entry.getValue();
			JsonNode value = submitted.get(key);
			boolean missing = value == null || value.isNull() || (value.isTextual() && value.asText().isBlank())
					|| (value.isArray() && value.isEmpty());
			if (missing) {
				value = emptyAnswer(field);
			}
			if (value == null) {
				if (field.path("validate").path("required").asBoolean()) {
					errors.add(new FieldError(key, "is required", allowed(field)));
				}
				continue;
			}
			String problem = problem(field, value);
			if (problem != null) {
				errors.add(new FieldError(key, problem, allowed(field)));
				continue;
			}
			values.set(key, value);
			if (field.path("properties").path("processVariable").asBoolean()) {
				variables.put(key, value.isBoolean() ? value.booleanValue() : value.asText());
			}
		}
		return new Checked(values, variables, errors);
	}

	/**
	 * What a field left empty answers: an unticked checkbox is false, and an optional
	 * checklist with nothing ticked is an empty list. Any other empty field gives no
	 * answer (null).
	 */
	private static JsonNode emptyAnswer(JsonNode field) {
		String type = field.path("type").asText();
		if ("checkbox".equals(type)) {
			return JsonNodeFactory.instance.booleanNode(false);
		}
		if ("checklist".equals(type) && !field.path("validate").path("required").asBoolean()) {
			return JsonNodeFactory.instance.arrayNode();
		}
		return null;
	}

	/** Why a present value breaks its field's rules, or null. */
	private static String problem(JsonNode field, JsonNode value) {
		JsonNode validate = field.path("validate");
		switch (field.path("type").asText()) {
			case "checkbox":
				return value.isBoolean() ? null : "must be true or false";
			case "number": {
				if (!value.isNumber()) {
					return "must be a number";
				}
				BigDecimal number = value.decimalValue();
				if (validate.has("min") && number.compareTo(validate.get("min").decimalValue()) < 0) {
					return "must be at least " + validate.get("min").asText();
				}
				if (validate.has("max") && number.compareTo(validate.get("max").decimalValue()) > 0) {
					return "must be at most " + validate.get("max").asText();
				}
				int digits = field.path("decimalDigits").asInt(0);
				if (number.stripTrailingZeros().scale() > digits) {
					return digits == 0 ? "must be a whole number" : "must have at most " + digits + " decimal places";
				}
				return null;
			}
			case "select":
			case "radio":
				return value.isTextual() && allowed(field).contains(value.asText()) ? null
						: "is not one of the choices";
			case "checklist": {
				if (!value.isArray()) {
					return "must be a list of choices";
				}
				Set<String> seen = new LinkedHashSet<>();
				for (JsonNode item : value) {
					if (!item.isTextual() || !allowed(field).contains(item.asText()) || !seen.add(item.asText())) {
						return "holds '" + item.asText() + "', which is not a choice or is repeated";
					}
				}
				return null;
			}
			default: {
				if (!value.isTextual()) {
					return "must be text";
				}
				int max = validate.path("maxLength").asInt(Integer.MAX_VALUE);
				return value.asText().length() > max ? "must be at most " + max + " characters" : null;
			}
		}
	}

	private static List<String> allowed(JsonNode field) {
		List<String> values = new ArrayList<>();
		for (JsonNode choice : field.path("values")) {
			values.add(choice.path("value").asText());
		}
		return values;
	}

}
