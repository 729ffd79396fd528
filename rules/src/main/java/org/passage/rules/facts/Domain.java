package org.passage.rules.facts;

import java.lang.reflect.RecordComponent;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Checks an input record against its declared domain: no nulls, enum sets of the right
 * type, numbers inside their {@link Bounds}. Collects every error before throwing, so a
 * caller learns about all bad fields at once.
 */
public final class Domain {

	/**
	 * Each record type's components and their bounds, read once: {@code
	 * getRecordComponents} and {@code getAnnotation} parse the class file again on every
	 * call, which cost more than deciding the input (it was half of the impact replay's
	 * reading time).
	 */
	private static final ClassValue<Checked[]> COMPONENTS = new ClassValue<>() {
		@Override
		protected Checked[] computeValue(Class<?> type) {
			return Arrays.stream(type.getRecordComponents()).map(Checked::new).toArray(Checked[]::new);
		}
	};

	/**
	 * A component, its name, and its bounds (null: none) with the limits and the scale as
	 * values: an annotation's methods are proxy calls, too slow for every input.
	 */
	private record Checked(RecordComponent component, String name, Bounds bounds, int scale, BigDecimal min,
			BigDecimal max) {

		Checked(RecordComponent component) {
			this(component, component.getAnnotation(Bounds.class));
		}

		private Checked(RecordComponent component, Bounds bounds) {
			this(component, component.getName(), bounds, bounds == null ? 0 : bounds.scale(),
					bounds == null ? null : new BigDecimal(bounds.min()),
					bounds == null || bounds.max().isEmpty() ? null : new BigDecimal(bounds.max()));
		}

	}

	private final List<FieldError> errors = new ArrayList<>();

	private Domain() {
	}

	/**
	 * Checks each value against the record component of {@code type} at the same
	 * position. Call it first thing in a compact constructor, with the values in
	 * declaration order.
	 */
	public static Domain of(Class<? extends Record> type, Object... values) {
		Checked[] components = COMPONENTS.get(type);
		if (components.length != values.length) {
			throw new IllegalArgumentException(type.getSimpleName() + " has " + components.length + " fields");
		}
		Domain domain = new Domain();
		for (int i = 0; i < components.length; i++) {
			domain.checkComponent(components[i], values[i]);
		}
		return domain;
	}

	/**
	 * Checks the values {@code source} holds under the names of {@code type}'s
	 * components, before an input of {@code type} is made from them: the same per-field
	 * checks as {@link #of}, for a source (a request read from JSON, say) whose fields
	 * may still be null where {@code type}'s are primitive. A component {@code source}
	 * lacks is missing. Cross-field rules stay with the input's constructor.
	 */
	public static Domain ofFields(Class<? extends Record> type, Record source) {
		Map<String, RecordComponent> fields = new HashMap<>();
		for (RecordComponent field : source.getClass().getRecordComponents()) {
			fields.put(field.getName(), field);
		}
		Domain domain = new Domain();
		for (Checked checked : COMPONENTS.get(type)) {
			RecordComponent component = checked.component();
			RecordComponent field = fields.get(component.getName());
			Object value;
			try {
				value = field == null ? null : field.getAccessor().invoke(source);
			}
			catch (ReflectiveOperationException ex) {
				throw new IllegalStateException("Cannot read " + component.getName() + " of " + source, ex);
			}
			domain.checkComponent(checked, value);
		}
		return domain;
	}

	/**
	 * Whether {@code field} passed its own checks, so that a cross-field rule may read
	 * it.
	 */
	public boolean valid(String field) {
		for (FieldError error : this.errors) {
			if (error.field().equals(field)) {
				return false;
			}
		}
		return true;
	}

	/** Records a cross-field error. */
	public Domain reject(String field, String message, List<String> allowed) {
		this.errors.add(new FieldError(field, message, allowed));
		return this;
	}

	/** Throws an {@link InvalidInputException} naming every field at fault, if any is. */
	public void orThrow() {
		if (!this.errors.isEmpty()) {
			throw new InvalidInputException(this.errors);
		}
	}

	/** The allowed values of an enum, by name. */
	private static List<String> namesOf(Class<? extends Enum<?>> type) {
		return Arrays.stream(type.getEnumConstants()).map(Enum::name).toList();
	}

	/** The names of some enum values, for an error message. */
	public static List<String> namesIn(Collection<? extends Enum<?>> values) {
		return values.stream().map(Enum::name).toList();
	}

	/**
	 * The values a numeric field allows, as a caller reads them, e.g. {@code 0..10} or
	 * {@code >= 0}.
	 */
	public static String describe(Bounds bounds) {
		String kind = bounds.scale() == 0 ? "whole number" : "amount with at most " + bounds.scale() + " decimals";
		return bounds.max().isEmpty() ? kind + " >= " + bounds.min()
				: kind + " from " + bounds.min() + " to " + bounds.max();
	}

	private void checkComponent(Checked checked, Object value) {
		String field = checked.name();
		if (value == null) {
			reject(field, "is required", allowedFor(checked.component()));
			return;
		}
		if (checked.bounds() != null) {
			checkNumber(field, checked, value);
		}
		if (value instanceof Collection<?> values && holdsNull(values)) {
			reject(field, "must not contain null", allowedFor(checked.component()));
		}
	}

	// Not values.contains(null): an immutable collection throws on it.
	private static boolean holdsNull(Collection<?> values) {
		for (Object value : values) {
			if (value == null) {
				return true;
			}
		}
		return false;
	}

	private void checkNumber(String field, Checked checked, Object value) {
		Bounds bounds = checked.bounds();
		BigDecimal number = (value instanceof BigDecimal decimal) ? decimal : new BigDecimal(value.toString());
		// Stripping zeros only lowers the scale: a number within the scale as written
		// needs no stripped copy.
		if (number.scale() > checked.scale() && number.stripTrailingZeros().scale() > checked.scale()) {
			reject(field, "has more than " + bounds.scale() + " decimal places", List.of(describe(bounds)));
		}
		else if (number.compareTo(checked.min()) < 0
				|| (checked.max() != null && number.compareTo(checked.max()) > 0)) {
			// An absurd value (1e308, 41 digits) is not repeated back in full.
			String plain = number.abs().compareTo(BigDecimal.TEN.pow(12)) < 0 ? number.toPlainString() : null;
			reject(field, plain == null ? "is out of range" : "is out of range: " + plain, List.of(describe(bounds)));
		}
	}

	/** The allowed values of a record component, for an error message or a form. */
	@SuppressWarnings("unchecked")
	public static List<String> allowedFor(RecordComponent component) {
		Class<?> type = component.getType();
		if (type.isEnum()) {
			return namesOf((Class<? extends Enum<?>>) type);
		}
		if (type == boolean.class || type == Boolean.class) {
			return List.of("true", "false");
		}
		Bounds bounds = component.getAnnotation(Bounds.class);
		if (bounds != null) {
			return List.of(describe(bounds));
		}
		if (component.getGenericType() instanceof java.lang.reflect.ParameterizedType set
				&& set.getActualTypeArguments()[0] instanceof Class<?> element && element.isEnum()) {
			return namesOf((Class<? extends Enum<?>>) element);
		}
		return List.of();
	}

}
