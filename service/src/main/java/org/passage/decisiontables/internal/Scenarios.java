package org.passage.decisiontables.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

import org.passage.decisiontables.ScenarioFailure;
import org.passage.rules.decision.Decision;
import org.passage.rules.decision.Programme;
import org.passage.rules.decision.ReintegrationDecision;
import org.passage.rules.engine.Ruleset;
import org.passage.rules.engine.UndecidedException;
import org.passage.rules.facts.InvalidInputException;
import org.passage.rules.facts.FieldError;
import org.passage.rules.facts.TextInputs;
import org.passage.rules.table.ScenarioFile;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.core.io.DefaultResourceLoader;
import org.springframework.core.io.Resource;
import org.springframework.stereotype.Component;

/**
 * Runs scenarios (inputs and the decision worked out by hand) on a candidate ruleset, and
 * lists what it decides differently, expected against actual, field by field: a
 * programme's shipped {@code scenarios.csv}, or a file staff uploaded with a draft.
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

	public Run run(Ruleset ruleset, ScenarioFile file) {
		List<ScenarioFailure> failures = new ArrayList<>();
		for (Map<String, String> row : file.rows()) {
			check(ruleset, row).ifPresent(failures::add);
		}
		return new Run(file.rows().size(), List.copyOf(failures));
	}

	/** The programme's scenarios as shipped with Passage. */
	public byte[] shipped(Programme programme) {
		Resource resource = this.resources
			.getResource(this.location + programme.definition().tableFolder() + "/scenarios.csv");
		try (InputStream in = resource.getInputStream()) {
			return in.readAllBytes();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/**
	 * A decision's fields as a scenario expects them: what {@code expect.*} columns hold.
	 */
	public static Map<String, String> expectations(Decision decision) {
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
		return actual;
	}

	private static Optional<ScenarioFailure> check(Ruleset ruleset, Map<String, String> row) {
		String scenario = row.get("scenario");
		String error = row.getOrDefault("expect.error", "");
		Record facts;
		try {
			facts = TextInputs.read(ruleset.inputType(), row);
		}
		catch (InvalidInputException ex) {
			// An input the facts refuse never reaches the tables: it passes when the
			// scenario expects that refusal, for that field.
			String refused = String.join(" ", ex.errors().stream().map(FieldError::field).toList());
			return refused.equals(error) ? Optional.empty() : Optional.of(new ScenarioFailure(scenario,
					Map.of("error", new ScenarioFailure.Difference(error, "refused: " + refused))));
		}
		if (!error.isEmpty()) {
			return Optional
				.of(new ScenarioFailure(scenario, Map.of("error", new ScenarioFailure.Difference(error, "accepted"))));
		}
		Decision decision;
		try {
			decision = ruleset.decide(facts, Locale.ENGLISH);
		}
		catch (UndecidedException ex) {
			return Optional.of(new ScenarioFailure(scenario, Map.of("decision",
					new ScenarioFailure.Difference(row.get("expect.decision"), "no row decides: " + ex.getMessage()))));
		}
		Map<String, ScenarioFailure.Difference> differences = new LinkedHashMap<>();
		expectations(decision).forEach((field, value) -> {
			String expected = row.get("expect." + field);
			if (expected != null && !same(field, expected, value)) {
				differences.put(field, new ScenarioFailure.Difference(expected, value));
			}
		});
		return differences.isEmpty() ? Optional.empty() : Optional.of(new ScenarioFailure(scenario, differences));
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

	private static List<String> words(String text) {
		return text.isBlank() ? List.of() : List.of(text.trim().split("\\s+"));
	}

	private static String name(Object value) {
		return Objects.toString(value, "");
	}

}
