package org.passage.rules.table;

import java.math.BigDecimal;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A condition template Passage can reason about, such as
 * {@code consent != Consent.$param}, {@code requestedAmount <= $param} or
 * {@code forall(||){requested contains Component.$}}. The analyser evaluates it exactly
 * as Drools would, to search a table for gaps.
 *
 * @param field the fact field, e.g. {@code consent}; {@code vulnerabilities.empty} tests
 * a set for emptiness
 * @param operator one of {@code == != < <= > >= contains}, {@code not contains}
 * @param enumType the simple name of the enum the cell's values belong to, or null
 * @param joiner for {@code forall}: {@code ||} or {@code &&}; null for a single value
 */
record Condition(String field, String operator, String enumType, String joiner) {

	private static final Pattern SINGLE = Pattern
		.compile("^([\\w.]+)\\s*(==|!=|<=|>=|<|>|not contains|contains)\\s*(?:(\\w+)\\.)?\\$param$");

	private static final Pattern FORALL = Pattern
		.compile("^forall\\((\\|\\||&&)\\)\\{\\s*(\\w+)\\s*(==|!=|not contains|contains)\\s*(?:(\\w+)\\.)?\\$\\s*\\}$");

	/**
	 * The condition a template expresses, or null when Passage cannot reason about it.
	 */
	static Condition parse(String template) {
		String text = template.trim();
		Matcher single = SINGLE.matcher(text);
		if (single.matches()) {
			return new Condition(single.group(1), single.group(2), single.group(3), null);
		}
		Matcher forall = FORALL.matcher(text);
		if (forall.matches()) {
			return new Condition(forall.group(2), forall.group(3), forall.group(4), forall.group(1));
		}
		return null;
	}

	/**
	 * The record field the condition reads: {@code vulnerabilities} for
	 * {@code vulnerabilities.empty}.
	 */
	String recordField() {
		return emptinessTest() ? this.field.substring(0, this.field.length() - ".empty".length()) : this.field;
	}

	boolean emptinessTest() {
		return this.field.endsWith(".empty");
	}

	/** The values a cell lists: several for {@code forall}, one otherwise. */
	List<String> values(String cell) {
		return this.joiner == null ? List.of(cell.trim())
				: Arrays.stream(cell.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList();
	}

	/**
	 * Whether a fact whose field holds {@code actual} satisfies this condition with the
	 * cell's text.
	 */
	boolean test(Object actual, String cell, Class<?> enumClass) {
		List<String> values = values(cell);
		boolean any = "||".equals(this.joiner) || this.joiner == null;
		boolean result = !any;
		for (String value : values) {
			boolean one = testOne(actual, value, enumClass);
			result = any ? (result || one) : (result && one);
		}
		return result;
	}

	private boolean testOne(Object actual, String value, Class<?> enumClass) {
		if (emptinessTest()) {
			return ((Collection<?>) actual).isEmpty() == Boolean.parseBoolean(value);
		}
		Object expected = typed(value, actual, enumClass);
		return switch (this.operator) {
			case "==" -> same(expected, normalise(actual));
			case "!=" -> !same(expected, normalise(actual));
			case "contains" -> ((Collection<?>) actual).contains(expected);
			case "not contains" -> !((Collection<?>) actual).contains(expected);
			default -> compare((BigDecimal) normalise(actual), (BigDecimal) expected);
		};
	}

	private static boolean same(Object expected, Object actual) {
		return expected instanceof BigDecimal number ? number.compareTo((BigDecimal) actual) == 0
				: expected.equals(actual);
	}

	private boolean compare(BigDecimal actual, BigDecimal expected) {
		int c = actual.compareTo(expected);
		return switch (this.operator) {
			case "<" -> c < 0;
			case "<=" -> c <= 0;
			case ">" -> c > 0;
			default -> c >= 0;
		};
	}

	@SuppressWarnings({ "unchecked", "rawtypes" })
	private static Object typed(String value, Object actual, Class<?> enumClass) {
		if (enumClass != null) {
			return Enum.valueOf((Class) enumClass, value);
		}
		if (actual instanceof Boolean) {
			return Boolean.parseBoolean(value);
		}
		return new BigDecimal(value);
	}

	private static Object normalise(Object actual) {
		if (actual instanceof Integer || actual instanceof Long) {
			return new BigDecimal(actual.toString());
		}
		if (actual instanceof BigDecimal decimal) {
			return decimal;
		}
		return actual;
	}

}
