package org.passage.decisiontables.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

import org.drools.decisiontable.parser.csv.CsvLineParser;
import org.passage.decisiontables.ScenarioFailure;
import org.passage.rules.decision.Decision;
import org.passage.rules.decision.Programme;
import org.passage.rules.decision.ReintegrationDecision;
import org.passage.rules.engine.Ruleset;
import org.passage.rules.engine.UndecidedException;
import org.passage.rules.facts.InvalidInputException;
import org.passage.rules.facts.TextInputs;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.core.io.DefaultResourceLoader;
import org.springframework.core.io.Resource;
import org.springframework.stereotype.Component;

/**
 * Runs a programme's shipped scenarios (its {@code scenarios.csv}: inputs and the
 * decision worked out by hand) on a candidate ruleset, and lists what it decides
 * differently, expected against actual, field by field.
 */
@Component
public class Scenarios {

	private final String location;

	private final DefaultResourceLoader resources = new DefaultResourceLoader();

	Scenarios(@Value("${passage.decision-tables.location}") String location) {
		this.location = location.endsWith("/") ? location : location + "/";
	}

	/** How many scenarios ran and the failures among them. */
	public record Run(int scenarios, List<ScenarioFailure> failures) {
	}

	public Run run(Ruleset ruleset) {
		List<Map<String, String>> rows = read(ruleset.programme());
		List<ScenarioFailure> failures = new ArrayList<>();
		for (Map<String, String> row : rows) {
			check(ruleset, row).ifPresent(failures::add);
		}
		return new Run(rows.size(), List.copyOf(failures));
	}

	private static java.util.Optional<ScenarioFailure> check(Ruleset ruleset, Map<String, String> row) {
		Map<String, String> input = new HashMap<>(row);
		input.keySet().removeIf(key -> key.startsWith("expect.") || key.equals("scenario"));
		String scenario = row.get("scenario");
		String error = row.getOrDefault("expect.error", "");
		Record facts;
		try {
			facts = TextInputs.read(ruleset.inputType(), input);
		}
		catch (InvalidInputException ex) {
			// An input the facts refuse never reaches the tables: nothing a draft
			// changes.
			return java.util.Optional.empty();
		}
		if (!error.isEmpty()) {
			return java.util.Optional.empty();
		}
		Decision decision;
		try {
			decision = ruleset.decide(facts, Locale.ENGLISH);
		}
		catch (UndecidedException ex) {
			return java.util.Optional.of(new ScenarioFailure(scenario, Map.of("decision",
					new ScenarioFailure.Difference(row.get("expect.decision"), "no row decides: " + ex.getMessage()))));
		}
		Map<String, String> actual = new LinkedHashMap<>();
		actual.put("decision", name(decision.decision()));
		actual.put("route", name(decision.route()));
		actual.put("components", String.join(" ", decision.components().stream().map(Enum::name).sorted().toList()));
		actual.put("grantedAmount", decision.grantedAmount().toPlainString());
		actual.put("approvalLevel", name(decision.approvalLevel()));
		actual.put("priority", name(decision.priority()));
		actual.put("reasons", String.join(" ", decision.reasonCodes()));
		if (decision instanceof ReintegrationDecision package_) {
			actual.put("tier", name(package_.tier()));
			actual.put("arrivalCash", package_.arrivalCash().toPlainString());
			actual.put("inKindBudget", package_.inKindBudget().toPlainString());
			actual.put("delivery", name(package_.delivery()));
			actual.put("monitoringMonths", String.valueOf(package_.monitoringMonths()));
		}
		Map<String, ScenarioFailure.Difference> differences = new LinkedHashMap<>();
		actual.forEach((field, value) -> {
			String expected = row.get("expect." + field);
			if (expected != null && !same(field, expected, value)) {
				differences.put(field, new ScenarioFailure.Difference(expected, value));
			}
		});
		return differences.isEmpty() ? java.util.Optional.empty()
				: java.util.Optional.of(new ScenarioFailure(scenario, differences));
	}

	private static boolean same(String field, String expected, String actual) {
		if (field.equals("components")) {
			return words(expected).stream().sorted().toList().equals(words(actual));
		}
		if (field.endsWith("Amount") || field.equals("arrivalCash") || field.equals("inKindBudget")) {
			return new BigDecimal(expected).compareTo(new BigDecimal(actual)) == 0;
		}
		if (field.equals("reasons")) {
			return words(expected).equals(words(actual));
		}
		return expected.equals(actual);
	}

	private List<Map<String, String>> read(Programme programme) {
		Resource resource = this.resources
			.getResource(this.location + programme.definition().tableFolder() + "/scenarios.csv");
		try (InputStream in = resource.getInputStream()) {
			List<String> lines = List.of(new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\r?\n"));
			CsvLineParser parser = new CsvLineParser();
			List<String> header = parser.parse(lines.get(0)).stream().map(Object::toString).toList();
			List<Map<String, String>> rows = new ArrayList<>();
			for (String line : lines.subList(1, lines.size())) {
				if (line.isBlank()) {
					continue;
				}
				List<String> cells = parser.parse(line).stream().map(Object::toString).toList();
				Map<String, String> row = new HashMap<>();
				for (int c = 0; c < header.size(); c++) {
					row.put(header.get(c), c < cells.size() ? cells.get(c).trim() : "");
				}
				rows.add(row);
			}
			return rows;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private static List<String> words(String text) {
		return text.isBlank() ? List.of() : List.of(text.trim().split("\\s+"));
	}

	private static String name(Object value) {
		return Objects.toString(value, "");
	}

}
