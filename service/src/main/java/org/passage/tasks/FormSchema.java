package org.passage.tasks;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.passage.rules.facts.Bounds;
import org.passage.web.PlainText;

/**
 * A Camunda form (form-js schema) read as the rules its fields impose: required, min and
 * max (at most {@link Bounds#MONEY_MAX} when the form sets none), decimal digits, maximum
 * length, and the values a select, radio or checklist offers. Fields inside a group are
 * fields of the form. Fields marked {@code properties.processVariable} are the ones the
 * process routes on. A field may be hidden by a checkbox ({@code conditional.hide} of
 * {@code =not(key)} or {@code =key}): a hidden field is neither asked nor kept.
 */
final class FormSchema {

	/** The only conditions Passage reads: a checkbox that is ticked, or not. */
	private static final Pattern HIDE = Pattern.compile("=\\s*(not\\()?\\s*([A-Za-z][A-Za-z0-9_]*)\\s*\\)?\\s*");

	private final String id;

	private final JsonNode schema;

	private final Map<String, JsonNode> fields = new LinkedHashMap<>();

	FormSchema(JsonNode schema) {
		this.id = schema.path("id").asText();
		this.schema = schema;
		collect(schema.path("components"));
		this.fields.values().forEach(this::hiddenBy); // an unreadable condition fails
														// here, at load
	}

	private void collect(JsonNode components) {
		for (JsonNode field : components) {
			if (field.hasNonNull("key")) {
				this.fields.put(field.get("key").asText(), field);
			}
			collect(field.path("components"));
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
	 * the problems.
	 */
	record Checked(ObjectNode values, Map<String, Object> processVariables, List<FieldProblem> problems) {
	}

	Checked check(JsonNode submitted) {
		List<FieldProblem> problems = new ArrayList<>();
		ObjectNode values = JsonNodeFactory.instance.objectNode();
		Map<String, Object> variables = new LinkedHashMap<>();
		if (submitted == null || !submitted.isObject()) {
			return new Checked(values, variables,
					List.of(new FieldProblem("(body)", "notAnObject", List.of(), List.of())));
		}
		submitted.fieldNames().forEachRemaining(name -> {
			if (!this.fields.containsKey(name)) {
				problems.add(new FieldProblem(name, "notAField", List.of(this.id), List.copyOf(this.fields.keySet())));
			}
		});
		for (Map.Entry<String, JsonNode> entry : this.fields.entrySet()) {
			String key = entry.getKey();
			JsonNode field = entry.getValue();
			if (hidden(field, submitted)) {
				continue;
			}
			JsonNode value = submitted.get(key);
			boolean missing = value == null || value.isNull() || (value.isTextual() && value.asText().isBlank())
					|| (value.isArray() && value.isEmpty());
			if (missing) {
				value = emptyAnswer(field);
			}
			if (value == null) {
				if (required(field)) {
					problems.add(new FieldProblem(key, "required", List.of(), allowed(field)));
				}
				continue;
			}
			FieldProblem problem = problem(key, field, value);
			if (problem != null) {
				problems.add(problem);
				continue;
			}
			values.set(key, value);
			if (field.path("properties").path("processVariable").asBoolean()) {
				variables.put(key, value.isBoolean() ? value.booleanValue() : value.asText());
			}
		}
		return new Checked(values, variables, problems);
	}

	static boolean required(JsonNode field) {
		return field.path("validate").path("required").asBoolean();
	}

	/**
	 * The checkbox that hides a field, and when: {@code [key, "true"]} hides it while the
	 * box is ticked, {@code [key, "false"]} while it is not; null when always shown.
	 */
	List<String> hiddenBy(JsonNode field) {
		JsonNode hide = field.path("conditional").path("hide");
		if (!hide.isTextual() || hide.asText().isBlank()) {
			return null;
		}
		Matcher condition = HIDE.matcher(hide.asText());
		if (!condition.matches() || !this.fields.containsKey(condition.group(2))
				|| !"checkbox".equals(this.fields.get(condition.group(2)).path("type").asText())) {
			throw new IllegalStateException("Form " + this.id + ": field " + field.path("key").asText() + " hides on '"
					+ hide.asText() + "'; Passage reads only =key or =not(key) of a checkbox");
		}
		return List.of(condition.group(2), condition.group(1) == null ? "true" : "false");
	}

	private boolean hidden(JsonNode field, JsonNode submitted) {
		List<String> by = hiddenBy(field);
		if (by == null) {
			return false;
		}
		boolean ticked = submitted.path(by.get(0)).asBoolean(false);
		return ticked == Boolean.parseBoolean(by.get(1));
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
		if ("checklist".equals(type) && !required(field)) {
			return JsonNodeFactory.instance.arrayNode();
		}
		return null;
	}

	/** Why a present value breaks its field's rules, or null. */
	private static FieldProblem problem(String key, JsonNode field, JsonNode value) {
		JsonNode validate = field.path("validate");
		List<String> allowed = allowed(field);
		switch (field.path("type").asText()) {
			case "checkbox":
				return value.isBoolean() ? null : new FieldProblem(key, "boolean", List.of(), allowed);
			case "number": {
				if (!value.isNumber()) {
					return new FieldProblem(key, "number", List.of(), allowed);
				}
				BigDecimal number = value.decimalValue();
				if (validate.has("min") && number.compareTo(validate.get("min").decimalValue()) < 0) {
					return new FieldProblem(key, "min", List.of(validate.get("min").asText()), allowed);
				}
				// A number field without a maximum of its own still has Passage's.
				String max = validate.has("max") ? validate.get("max").asText() : Bounds.MONEY_MAX;
				if (number.compareTo(new BigDecimal(max)) > 0) {
					return new FieldProblem(key, "max", List.of(max), allowed);
				}
				int digits = field.path("decimalDigits").asInt(0);
				if (number.stripTrailingZeros().scale() > digits) {
					return digits == 0 ? new FieldProblem(key, "wholeNumber", List.of(), allowed)
							: new FieldProblem(key, "decimals", List.of(String.valueOf(digits)), allowed);
				}
				return null;
			}
			case "select":
			case "radio":
				return value.isTextual() && allowed.contains(value.asText()) ? null
						: new FieldProblem(key, "choice", List.of(), allowed);
			case "checklist": {
				if (!value.isArray()) {
					return new FieldProblem(key, "choices", List.of(), allowed);
				}
				Set<String> seen = new LinkedHashSet<>();
				for (JsonNode item : value) {
					if (!item.isTextual() || !allowed.contains(item.asText()) || !seen.add(item.asText())) {
						return new FieldProblem(key, "choiceRepeated", List.of(item.asText()), allowed);
					}
				}
				return null;
			}
			default: {
				if (!value.isTextual()) {
					return new FieldProblem(key, "text", List.of(), allowed);
				}
				if (!PlainText.Check.isPlain(value.asText(), "textarea".equals(field.path("type").asText()))) {
					return new FieldProblem(key, "controlCharacters", List.of(), allowed);
				}
				int max = validate.path("maxLength").asInt(Integer.MAX_VALUE);
				return value.asText().length() > max
						? new FieldProblem(key, "maxLength", List.of(String.valueOf(max)), allowed) : null;
			}
		}
	}

	static List<String> allowed(JsonNode field) {
		List<String> values = new ArrayList<>();
		for (JsonNode choice : field.path("values")) {
			values.add(choice.path("value").asText());
		}
		return values;
	}

}
