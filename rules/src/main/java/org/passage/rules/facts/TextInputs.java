package org.passage.rules.facts;

import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;

/**
 * Builds an input record from text, as a spreadsheet or a CSV file holds it: enums by
 * name, booleans as {@code true}/{@code false}, sets as names separated by spaces (empty
 * text is the empty set). Text that is not a value of its field is reported per field,
 * exactly like a value outside its domain.
 */
public final class TextInputs {

	private TextInputs() {
	}

	/**
	 * The input of {@code type} from {@code text}, keyed by field name; a missing key is
	 * a missing value.
	 */
	public static <T extends Record> T read(Class<T> type, Map<String, String> text) {
		RecordComponent[] components = type.getRecordComponents();
		Object[] values = new Object[components.length];
		List<FieldError> errors = new ArrayList<>();
		for (int i = 0; i < components.length; i++) {
			String raw = text.get(components[i].getName());
			try {
				values[i] = parse(components[i], raw == null ? null : raw.trim());
			}
			catch (IllegalArgumentException ex) {
				errors.add(new FieldError(components[i].getName(), "'" + raw + "' is not a valid value",
						Domain.allowedFor(components[i])));
			}
		}
		if (!errors.isEmpty()) {
			throw new InvalidInputException(errors);
		}
		return construct(type, components, values);
	}

	/**
	 * The text form of {@code input}, keyed by field name, as {@link #read} takes it
	 * back: a recorded decision's input written as a scenario, say.
	 */
	public static Map<String, String> write(Record input) {
		Map<String, String> text = new java.util.LinkedHashMap<>();
		for (RecordComponent component : input.getClass().getRecordComponents()) {
			Object value;
			try {
				value = component.getAccessor().invoke(input);
			}
			catch (ReflectiveOperationException ex) {
				throw new IllegalStateException("Cannot read " + component.getName(), ex);
			}
			text.put(component.getName(), text(value));
		}
		return text;
	}

	private static String text(Object value) {
		if (value == null) {
			return "";
		}
		if (value instanceof java.util.Collection<?> set) {
			return String.join(" ", set.stream().map(v -> ((Enum<?>) v).name()).sorted().toList());
		}
		if (value instanceof Enum<?> constant) {
			return constant.name();
		}
		if (value instanceof BigDecimal amount) {
			return amount.toPlainString();
		}
		return String.valueOf(value);
	}

	@SuppressWarnings({ "unchecked", "rawtypes" })
	private static Object parse(RecordComponent component, String raw) {
		Class<?> type = component.getType();
		if (java.util.Set.class.isAssignableFrom(type)) {
			Class<? extends Enum> element = (Class<? extends Enum>) ((ParameterizedType) component.getGenericType())
				.getActualTypeArguments()[0];
			EnumSet set = EnumSet.noneOf(element);
			if (raw != null && !raw.isEmpty()) {
				Arrays.stream(raw.split("\\s+")).forEach(name -> set.add(Enum.valueOf(element, name)));
			}
			return set;
		}
		if (raw == null || raw.isEmpty()) {
			if (type.isPrimitive()) {
				throw new IllegalArgumentException("required");
			}
			return null;
		}
		if (type.isEnum()) {
			return Enum.valueOf((Class<? extends Enum>) type, raw);
		}
		if (type == boolean.class) {
			if (!raw.equals("true") && !raw.equals("false")) {
				throw new IllegalArgumentException(raw);
			}
			return Boolean.parseBoolean(raw);
		}
		if (type == int.class) {
			return Integer.parseInt(raw);
		}
		if (type == BigDecimal.class) {
			return new BigDecimal(raw);
		}
		throw new IllegalStateException("No text form for " + type);
	}

	private static <T extends Record> T construct(Class<T> type, RecordComponent[] components, Object[] values) {
		try {
			Constructor<T> constructor = type.getDeclaredConstructor(
					Arrays.stream(components).map(RecordComponent::getType).toArray(Class<?>[]::new));
			return constructor.newInstance(values);
		}
		catch (InvocationTargetException ex) {
			if (ex.getCause() instanceof InvalidInputException invalid) {
				throw invalid;
			}
			throw new IllegalStateException(ex.getCause());
		}
		catch (ReflectiveOperationException ex) {
			throw new IllegalStateException("Cannot build " + type.getSimpleName(), ex);
		}
	}

}
