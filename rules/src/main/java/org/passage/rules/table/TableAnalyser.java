package org.passage.rules.table;

import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.RecordComponent;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.passage.rules.facts.Bounds;
import org.passage.rules.table.RuleTable.Column;
import org.passage.rules.table.RuleTable.ColumnKind;
import org.passage.rules.table.RuleTable.TableRow;

/**
 * Checks a rules sheet the way a careful reviewer would, before Drools sees it: every
 * condition names a real field, every cell a value in the field's domain, and every
 * first-hit table decides every input of the declared domain with no row hidden behind
 * the rows above it. The last check is exhaustive: the domain is cut into the intervals
 * and sets the table's own cells distinguish, and one input from each piece is tried.
 */
public final class TableAnalyser {

	private static final Pattern PATTERN = Pattern.compile("^\\s*(\\$\\w+)\\s*:\\s*(\\w+)\\s*\\(.*");

	private static final Pattern ACTION_ENUM = Pattern.compile("(\\w+)\\.\\$(?:param|\\s*\\})");

	private static final Pattern ACTION_NUMBER = Pattern.compile("\\(\\s*\\$param\\s*\\)");

	private final RuleSheet sheet;

	private final FactClasses classes;

	private final List<Finding> findings;

	private TableAnalyser(RuleSheet sheet, List<Finding> findings) {
		this.sheet = sheet;
		this.classes = new FactClasses(sheet.imports());
		this.findings = findings;
	}

	/** Adds every problem of {@code sheet} to {@code findings}. */
	public static void analyse(RuleSheet sheet, List<Finding> findings) {
		TableAnalyser analyser = new TableAnalyser(sheet, findings);
		for (RuleTable table : sheet.tables()) {
			List<Test> tests = analyser.checkColumns(table);
			if (table.firstHit() && tests != null) {
				new Search(analyser, table, tests).run();
			}
		}
	}

	/** The reason codes the sheet's rows give, in order. */
	public static List<String> reasonCodes(RuleSheet sheet) {
		List<String> codes = new ArrayList<>();
		for (RuleTable table : sheet.tables()) {
			for (int c = 0; c < table.columns().size(); c++) {
				if (table.columns().get(c).template().contains("because(")) {
					for (TableRow row : table.rows()) {
						if (!row.cells().get(c).isEmpty()) {
							codes.add(row.cells().get(c));
						}
					}
				}
			}
		}
		return codes;
	}

	/**
	 * A condition column the analyser understands: which fact, which field, which test.
	 */
	record Test(int column, Class<?> fact, RecordComponent component, Condition condition, Class<?> enumClass) {

		/**
		 * Whether this condition reads {@code other} (components have no value equality).
		 */
		boolean reads(RecordComponent other) {
			return this.component.getDeclaringRecord() == other.getDeclaringRecord()
					&& this.component.getName().equals(other.getName());
		}

		/** The component's index in the fact's canonical constructor. */
		int position() {
			return Search.position(this.fact, this.component);
		}

	}

	/**
	 * Checks each column and cell; returns the conditions, or null if some cannot be
	 * reasoned about.
	 */
	private List<Test> checkColumns(RuleTable table) {
		int findingsBefore = this.findings.size();
		List<Test> tests = new ArrayList<>();
		boolean understood = true;
		Class<?> fact = null;
		for (int c = 0; c < table.columns().size(); c++) {
			Column column = table.columns().get(c);
			if (column.kind() == ColumnKind.CONDITION) {
				if (!column.pattern().isEmpty()) {
					fact = patternClass(table, column);
				}
				Test test = fact == null ? null : conditionTest(table, c, column, fact);
				if (test == null) {
					understood = false;
				}
				else {
					tests.add(test);
					checkConditionCells(table, test);
				}
			}
			else if (column.kind() == ColumnKind.ACTION) {
				checkActionCells(table, c, column);
			}
		}
		// Search only a table whose every cell is understood: a bad cell is reported
		// once, where it is.
		return understood && this.findings.size() == findingsBefore ? tests : null;
	}

	private Class<?> patternClass(RuleTable table, Column column) {
		Matcher matcher = PATTERN.matcher(column.pattern());
		Class<?> type = matcher.matches() ? this.classes.resolve(matcher.group(2)).orElse(null) : null;
		if (type == null) {
			add(Finding.Kind.STRUCTURE, table.headerRow() + 2, column.index(), null, "Pattern '" + column.pattern()
					+ "' must read '$x: FactType()...' with a fact type the sheet imports.");
		}
		return type;
	}

	private Test conditionTest(RuleTable table, int c, Column column, Class<?> fact) {
		int templateRow = table.headerRow() + 3;
		Condition condition = Condition.parse(column.template());
		if (condition == null) {
			add(Finding.Kind.STRUCTURE, templateRow, column.index(), null, "Condition '" + column.template()
					+ "' is not one Passage can check; write 'field op $param' or 'forall(||){field op $}'.");
			return null;
		}
		RecordComponent component = FactClasses.component(fact, condition.recordField()).orElse(null);
		if (component == null) {
			add(Finding.Kind.UNKNOWN_FIELD, templateRow, column.index(), null,
					fact.getSimpleName() + " has no field '" + condition.recordField() + "'.");
			return null;
		}
		Class<?> enumClass = null;
		if (condition.enumType() != null) {
			enumClass = this.classes.resolve(condition.enumType()).filter(Class::isEnum).orElse(null);
			if (enumClass == null) {
				add(Finding.Kind.UNKNOWN_FIELD, templateRow, column.index(), null,
						"'" + condition.enumType() + "' is not an enum type the sheet imports.");
				return null;
			}
		}
		return new Test(c, fact, component, condition, enumClass);
	}

	private void checkConditionCells(RuleTable table, Test test) {
		for (TableRow row : table.rows()) {
			String cell = row.cells().get(test.column());
			if (cell.isEmpty()) {
				continue;
			}
			for (String value : test.condition().values(cell)) {
				String problem = problemWith(value, test);
				if (problem != null) {
					add(Finding.Kind.UNKNOWN_VALUE, row.gridRow(), table.columns().get(test.column()).index(),
							row.name(), problem);
				}
			}
		}
	}

	private static String problemWith(String value, Test test) {
		if (test.enumClass() != null) {
			return constantOf(test.enumClass(), value) ? null
					: "'" + value + "' is not one of " + List.of(test.enumClass().getEnumConstants()) + ".";
		}
		Class<?> type = test.component().getType();
		if (test.condition().emptinessTest() || type == boolean.class) {
			return value.equals("true") || value.equals("false") ? null : "'" + value + "' must be true or false.";
		}
		try {
			new BigDecimal(value);
			return null;
		}
		catch (NumberFormatException ex) {
			return "'" + value + "' is not a number.";
		}
	}

	private void checkActionCells(RuleTable table, int c, Column column) {
		Matcher enumMatcher = ACTION_ENUM.matcher(column.template());
		Class<?> enumClass = null;
		if (enumMatcher.find()) {
			enumClass = this.classes.resolve(enumMatcher.group(1)).filter(Class::isEnum).orElse(null);
			if (enumClass == null) {
				add(Finding.Kind.UNKNOWN_FIELD, table.headerRow() + 3, column.index(), null,
						"'" + enumMatcher.group(1) + "' is not an enum type the sheet imports.");
				return;
			}
		}
		boolean numeric = enumClass == null && ACTION_NUMBER.matcher(column.template()).find();
		for (TableRow row : table.rows()) {
			String cell = row.cells().get(c);
			if (cell.isEmpty()) {
				continue;
			}
			for (String value : cell.split(",")) {
				String trimmed = value.trim();
				if (enumClass != null && !constantOf(enumClass, trimmed)) {
					add(Finding.Kind.UNKNOWN_VALUE, row.gridRow(), column.index(), row.name(),
							"'" + trimmed + "' is not one of " + List.of(enumClass.getEnumConstants()) + ".");
				}
				else if (numeric && !trimmed.matches("-?\\d+(\\.\\d+)?")) {
					add(Finding.Kind.UNKNOWN_VALUE, row.gridRow(), column.index(), row.name(),
							"'" + trimmed + "' is not a number.");
				}
			}
		}
	}

	private static boolean constantOf(Class<?> enumClass, String value) {
		for (Object constant : enumClass.getEnumConstants()) {
			if (((Enum<?>) constant).name().equals(value)) {
				return true;
			}
		}
		return false;
	}

	void add(Finding.Kind kind, int gridRow, int gridColumn, String row, String message) {
		this.findings.add(new Finding(kind, this.sheet.source(), this.sheet.grid().sheet(),
				Grid.address(gridRow, gridColumn), row, message));
	}

	/**
	 * The exhaustive search of one first-hit table. Each field the table reads gets the
	 * values that tell its cells apart; each such value gets a bit mask of the rows whose
	 * cells it satisfies; a combination of values matches the rows in the AND of its
	 * masks. A fact is built, and so validated, only when that matters: to confirm a gap,
	 * or a row's first win.
	 */
	private static final class Search {

		private final TableAnalyser analyser;

		private final RuleTable table;

		private final List<Test> tests;

		private final Map<Class<?>, Object[]> bases = new LinkedHashMap<>();

		private final List<Variable> variables = new ArrayList<>();

		Search(TableAnalyser analyser, RuleTable table, List<Test> tests) {
			this.analyser = analyser;
			this.table = table;
			this.tests = tests;
		}

		/**
		 * A field the table reads, the values worth trying, and each value's row mask.
		 */
		record Variable(Class<?> fact, RecordComponent component, int position, List<Object> values,
				List<BitSet> masks) {
		}

		void run() {
			for (Test test : this.tests) {
				Class<?> fact = test.fact();
				if (!this.bases.containsKey(fact)) {
					Object[] base = baseValues(fact);
					if (base == null) {
						return;
					}
					this.bases.put(fact, base);
				}
				if (this.variables.stream()
					.noneMatch(v -> v.fact() == fact && v.component().getName().equals(test.component().getName()))) {
					List<Object> values = candidates(test.component());
					List<BitSet> masks = values.stream().map(value -> mask(test.component(), value)).toList();
					this.variables.add(new Variable(fact, test.component(), test.position(), values, masks));
				}
			}
			search();
		}

		/**
		 * The rows whose cells on {@code component} all accept {@code value} (blank cells
		 * accept anything).
		 */
		private BitSet mask(RecordComponent component, Object value) {
			BitSet rows = new BitSet();
			rows.set(0, this.table.rows().size());
			for (Test test : this.tests) {
				if (test.reads(component)) {
					for (int r = 0; r < this.table.rows().size(); r++) {
						String cell = this.table.rows().get(r).cells().get(test.column());
						if (!cell.isEmpty() && !test.condition().test(value, cell, test.enumClass())) {
							rows.clear(r);
						}
					}
				}
			}
			return rows;
		}

		private void search() {
			int[] wins = new int[this.table.rows().size()];
			boolean gap = false;
			String example = null;
			int[] odometer = new int[this.variables.size()];
			do {
				BitSet matching = new BitSet();
				matching.set(0, this.table.rows().size());
				for (int v = 0; v < odometer.length; v++) {
					matching.and(this.variables.get(v).masks().get(odometer[v]));
				}
				int first = matching.nextSetBit(0);
				if ((first < 0 && !gap) || (first >= 0 && wins[first] == 0)) {
					if (!valid(odometer)) {
						continue;
					}
					if (first < 0) {
						gap = true;
						example = describe(odometer);
					}
				}
				if (first >= 0) {
					wins[first]++;
				}
			}
			while (advance(odometer));
			if (gap) {
				this.analyser.add(Finding.Kind.GAP, this.table.headerRow(), 0, null,
						"No row of '" + this.table.name() + "' decides some inputs, for example " + example + ".");
			}
			for (int r = 0; r < wins.length; r++) {
				TableRow row = this.table.rows().get(r);
				if (wins[r] == 0) {
					this.analyser.add(Finding.Kind.SHADOWED_ROW, row.gridRow(), 0, row.name(),
							"Row " + row.name() + " can never decide: the rows above it take every input it matches.");
				}
			}
		}

		private boolean valid(int[] odometer) {
			for (Map.Entry<Class<?>, Object[]> base : this.bases.entrySet()) {
				Object[] values = base.getValue().clone();
				for (int v = 0; v < this.variables.size(); v++) {
					Variable variable = this.variables.get(v);
					if (variable.fact() == base.getKey()) {
						values[variable.position()] = variable.values().get(odometer[v]);
					}
				}
				if (construct(base.getKey(), values) == null) {
					return false;
				}
			}
			return true;
		}

		private boolean advance(int[] odometer) {
			for (int v = 0; v < odometer.length; v++) {
				if (++odometer[v] < this.variables.get(v).values().size()) {
					return true;
				}
				odometer[v] = 0;
			}
			return false;
		}

		private String describe(int[] odometer) {
			StringBuilder text = new StringBuilder();
			for (int v = 0; v < this.variables.size(); v++) {
				text.append(v == 0 ? "" : ", ")
					.append(this.variables.get(v).component().getName())
					.append('=')
					.append(this.variables.get(v).values().get(odometer[v]));
			}
			return text.toString();
		}

		/** The values that tell the table's cells apart for one field. */
		private List<Object> candidates(RecordComponent component) {
			Class<?> type = component.getType();
			if (type.isEnum()) {
				return List.of((Object[]) type.getEnumConstants());
			}
			if (type == boolean.class || type == Boolean.class) {
				return List.of(true, false);
			}
			if (Set.class.isAssignableFrom(type)) {
				return subsets(component);
			}
			return numbers(component);
		}

		/**
		 * Every subset of the elements the cells mention, with and without one element
		 * they do not.
		 */
		@SuppressWarnings({ "unchecked", "rawtypes" })
		private List<Object> subsets(RecordComponent component) {
			Class<? extends Enum> element = (Class<? extends Enum>) FactClasses.elementType(component);
			EnumSet mentioned = EnumSet.noneOf(element);
			for (String value : cellValues(component)) {
				if (constantOf(element, value)) {
					mentioned.add(Enum.valueOf(element, value));
				}
			}
			// Unmentioned elements all behave alike: the first one stands for them all.
			EnumSet others = EnumSet.complementOf(mentioned);
			List<Enum> members = new ArrayList<>(mentioned);
			List<Object> subsets = new ArrayList<>();
			for (int bits = 0; bits < (1 << members.size()); bits++) {
				EnumSet subset = EnumSet.noneOf(element);
				for (int i = 0; i < members.size(); i++) {
					if ((bits & (1 << i)) != 0) {
						subset.add(members.get(i));
					}
				}
				subsets.add(subset);
				if (!others.isEmpty()) {
					EnumSet withOther = EnumSet.copyOf(subset);
					withOther.add(others.iterator().next());
					subsets.add(withOther);
				}
			}
			return subsets;
		}

		/**
		 * The domain's ends and each threshold the cells name, with its neighbours one
		 * step either side.
		 */
		private List<Object> numbers(RecordComponent component) {
			Bounds bounds = component.getAnnotation(Bounds.class);
			int scale = bounds == null ? 2 : bounds.scale();
			BigDecimal step = BigDecimal.ONE.movePointLeft(scale);
			BigDecimal min = bounds == null ? BigDecimal.ZERO : new BigDecimal(bounds.min());
			BigDecimal max = bounds == null || bounds.max().isEmpty() ? null : new BigDecimal(bounds.max());
			TreeSet<BigDecimal> points = new TreeSet<>();
			points.add(min);
			BigDecimal highest = min;
			for (String value : cellValues(component)) {
				try {
					BigDecimal threshold = new BigDecimal(value);
					points.add(threshold.subtract(step));
					points.add(threshold);
					points.add(threshold.add(step));
					highest = highest.max(threshold);
				}
				catch (NumberFormatException ex) {
					// reported by the cell check
				}
			}
			points.add(max != null ? max : highest.add(BigDecimal.valueOf(1000)));
			List<Object> values = new ArrayList<>();
			for (BigDecimal point : points) {
				if (point.compareTo(min) >= 0 && (max == null || point.compareTo(max) <= 0)) {
					values.add(component.getType() == int.class ? (Object) point.intValueExact()
							: point.setScale(scale, RoundingMode.UNNECESSARY));
				}
			}
			return values;
		}

		private List<String> cellValues(RecordComponent component) {
			List<String> values = new ArrayList<>();
			for (Test test : this.tests) {
				if (test.reads(component)) {
					for (TableRow row : this.table.rows()) {
						String cell = row.cells().get(test.column());
						if (!cell.isEmpty()) {
							values.addAll(test.condition().values(cell));
						}
					}
				}
			}
			return values;
		}

		/**
		 * A valid instance's values, from each component's smallest value; null if none
		 * is valid.
		 */
		@SuppressWarnings({ "unchecked", "rawtypes" })
		private Object[] baseValues(Class<?> fact) {
			RecordComponent[] components = fact.getRecordComponents();
			Object[] values = new Object[components.length];
			for (int i = 0; i < components.length; i++) {
				Class<?> type = components[i].getType();
				Bounds bounds = components[i].getAnnotation(Bounds.class);
				String min = bounds == null ? "0" : bounds.min();
				if (type.isEnum()) {
					values[i] = type.getEnumConstants()[0];
				}
				else if (type == boolean.class) {
					values[i] = false;
				}
				else if (type == int.class) {
					values[i] = Integer.parseInt(min);
				}
				else if (type == BigDecimal.class) {
					values[i] = new BigDecimal(min);
				}
				else if (Set.class.isAssignableFrom(type)) {
					values[i] = EnumSet.noneOf((Class<? extends Enum>) FactClasses.elementType(components[i]));
				}
			}
			if (construct(fact, values) != null) {
				return values;
			}
			// A set that may not be empty: try each single element until the fact accepts
			// one.
			for (int i = 0; i < components.length; i++) {
				if (Set.class.isAssignableFrom(components[i].getType())) {
					for (Object element : FactClasses.elementType(components[i]).getEnumConstants()) {
						values[i] = EnumSet.of((Enum) element);
						if (construct(fact, values) != null) {
							return values;
						}
					}
				}
			}
			this.analyser.add(Finding.Kind.STRUCTURE, this.table.headerRow(), 0, null,
					"Cannot build a valid " + fact.getSimpleName() + " to analyse table '" + this.table.name() + "'.");
			return null;
		}

		static int position(Class<?> fact, RecordComponent component) {
			RecordComponent[] components = fact.getRecordComponents();
			for (int i = 0; i < components.length; i++) {
				if (components[i].getName().equals(component.getName())) {
					return i;
				}
			}
			throw new IllegalArgumentException(component.getName());
		}

		private static Object construct(Class<?> fact, Object[] values) {
			try {
				Class<?>[] types = java.util.Arrays.stream(fact.getRecordComponents())
					.map(RecordComponent::getType)
					.toArray(Class<?>[]::new);
				Constructor<?> constructor = fact.getDeclaredConstructor(types);
				return constructor.newInstance(values);
			}
			catch (InvocationTargetException ex) {
				// Outside the fact's declared domain: not an input the table must decide.
				return null;
			}
			catch (ReflectiveOperationException ex) {
				throw new IllegalStateException("Cannot build " + fact.getSimpleName(), ex);
			}
		}

	}

}
