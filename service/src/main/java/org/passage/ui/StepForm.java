package org.passage.ui;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.passage.tasks.FieldProblem;
import org.springframework.context.MessageSource;
import org.springframework.util.MultiValueMap;

/**
 * A step's Camunda form as the page draws it: each field with its label, help and choices
 * in the reader's language (keys {@code form.<form>.<field>},
 * {@code form.<form>.<field>.help}, {@code option.<field>.<value>}; the form's own
 * English words when a key is missing), the value given so far and the problem with it.
 * It also reads the posted form back into the JSON the form describes.
 */
final class StepForm {

	private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

	/** One choice of a select, radio or checklist. */
	record Choice(String value, String label, boolean chosen) {
	}

	/**
	 * A field to draw. {@code type} is form-js's: text, textarea, number, select, radio,
	 * checkbox, checklist, date, or group (whose {@code fields} are drawn inside it).
	 */
	record Field(String key, String type, String label, String help, boolean required, List<Choice> choices,
			String value, boolean ticked, String error, String min, String max, String step, Integer maxLength,
			String hiddenWhen, String hiddenIf, List<Field> fields) {

		public String id() {
			return "field-" + this.key;
		}

		public boolean invalid() {
			return this.error != null;
		}

	}

	private StepForm() {
	}

	/**
	 * The form's fields, holding {@code given} (what was posted, or empty) and the
	 * problems found with it.
	 */
	static List<Field> fields(JsonNode form, JsonNode given, List<FieldProblem> problems, MessageSource messages,
			Locale locale) {
		return fields(form.path("id").asText(), form.path("components"), given, problems, messages, locale);
	}

	private static List<Field> fields(String formId, JsonNode components, JsonNode given, List<FieldProblem> problems,
			MessageSource messages, Locale locale) {
		List<Field> fields = new ArrayList<>();
		for (JsonNode component : components) {
			String type = component.path("type").asText();
			String key = component.path("key").asText(component.path("id").asText());
			if ("group".equals(type)) {
				fields.add(new Field(key, type,
						words(messages, "form." + formId + "." + key, component.path("label").asText(key), locale),
						null, false, List.of(), null, false, null, null, null, null, null, null, null,
						fields(formId, component.path("components"), given, problems, messages, locale)));
				continue;
			}
			if (!component.hasNonNull("key")) {
				continue; // text blocks and spacers: nothing to fill in
			}
			JsonNode value = given.path(key);
			List<Choice> choices = new ArrayList<>();
			for (JsonNode choice : component.path("values")) {
				String v = choice.path("value").asText();
				boolean chosen = value.isArray() ? contains(value, v) : v.equals(value.asText(null));
				choices.add(new Choice(v,
						words(messages, "option." + key + "." + v, choice.path("label").asText(v), locale), chosen));
			}
			JsonNode validate = component.path("validate");
			int digits = component.path("decimalDigits").asInt(0);
			String[] hidden = hiddenBy(component);
			fields.add(new Field(key, type,
					words(messages, "form." + formId + "." + key, component.path("label").asText(key), locale),
					words(messages, "form." + formId + "." + key + ".help", component.path("description").asText(null),
							locale),
					validate.path("required").asBoolean(), choices, value.isValueNode() ? value.asText() : null,
					value.asBoolean(false), problem(key, problems, messages, locale),
					validate.has("min") ? validate.get("min").asText() : null,
					validate.has("max") ? validate.get("max").asText() : null,
					digits == 0 ? "1" : BigDecimal.ONE.movePointLeft(digits).toPlainString(),
					validate.has("maxLength") ? validate.get("maxLength").asInt() : null, hidden[0], hidden[1],
					List.of()));
		}
		return fields;
	}

	/** The checkbox that hides the field and the value that hides it, else nulls. */
	private static String[] hiddenBy(JsonNode component) {
		String hide = component.path("conditional").path("hide").asText("").replace(" ", "");
		if (hide.startsWith("=not(") && hide.endsWith(")")) {
			return new String[] { hide.substring(5, hide.length() - 1), "false" };
		}
		if (hide.startsWith("=") && hide.length() > 1) {
			return new String[] { hide.substring(1), "true" };
		}
		return new String[] { null, null };
	}

	private static boolean contains(JsonNode array, String value) {
		for (JsonNode item : array) {
			if (value.equals(item.asText())) {
				return true;
			}
		}
		return false;
	}

	/** The first problem with the field, as a sentence in the reader's language. */
	private static String problem(String key, List<FieldProblem> problems, MessageSource messages, Locale locale) {
		return problems.stream()
			.filter(problem -> problem.field().equals(key))
			.findFirst()
			.map(problem -> messages.getMessage("formError." + problem.code(), problem.arguments().toArray(), locale))
			.orElse(null);
	}

	private static String words(MessageSource messages, String key, String fallback, Locale locale) {
		return messages.getMessage(key, null, fallback, locale);
	}

	/**
	 * The posted form as the JSON the form describes: a ticked checkbox is true, a
	 * checklist is the list of its ticked values, a number is a number when it reads as
	 * one (else the text, which the form's check refuses), an empty field is left out.
	 */
	static ObjectNode values(JsonNode form, MultiValueMap<String, String> posted) {
		ObjectNode values = JSON.objectNode();
		read(form.path("components"), posted, values);
		return values;
	}

	private static void read(JsonNode components, MultiValueMap<String, String> posted, ObjectNode values) {
		for (JsonNode component : components) {
			read(component.path("components"), posted, values);
			if (!component.hasNonNull("key")) {
				continue;
			}
			String key = component.get("key").asText();
			List<String> given = posted.getOrDefault(key, List.of())
				.stream()
				.filter(value -> value != null && !value.isBlank())
				.toList();
			switch (component.path("type").asText()) {
				case "checkbox" -> values.put(key, given.contains("true"));
				case "checklist" -> {
					if (!given.isEmpty()) {
						given.forEach(values.putArray(key)::add);
					}
				}
				case "number" -> {
					if (!given.isEmpty()) {
						values.set(key, number(given.get(0)));
					}
				}
				default -> {
					if (!given.isEmpty()) {
						values.put(key, given.get(0));
					}
				}
			}
		}
	}

	private static JsonNode number(String text) {
		String plain = text.trim().replace('\u00a0', ' ').replace(" ", "");
		if (plain.indexOf(',') >= 0 && plain.indexOf('.') < 0) {
			plain = plain.replace(',', '.'); // 300,50 as French and Spanish write it
		}
		try {
			return JSON.numberNode(new BigDecimal(plain));
		}
		catch (NumberFormatException ex) {
			return JSON.textNode(text);
		}
	}

}
