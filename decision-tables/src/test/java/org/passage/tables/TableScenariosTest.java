package org.passage.tables;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Stream;

import org.drools.decisiontable.parser.csv.CsvLineParser;
import org.junit.jupiter.api.DynamicContainer;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.passage.rules.decision.Decision;
import org.passage.rules.decision.Programme;
import org.passage.rules.decision.ReintegrationDecision;
import org.passage.rules.engine.Ruleset;
import org.passage.rules.facts.FieldError;
import org.passage.rules.facts.InvalidInputException;
import org.passage.rules.facts.TextInputs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.SoftAssertions.assertSoftly;

/**
 * One test per row of each programme's {@code scenarios.csv}: the inputs, and the
 * decision reference policy v1 gives for them, worked out by hand from the policy text. A
 * row with an {@code expect.error} names the field an out-of-domain input must be
 * rejected for.
 */
class TableScenariosTest {

	@TestFactory
	Stream<DynamicContainer> everyScenarioOfEveryProgramme() {
		return Arrays.stream(Programme.values()).map(programme -> {
			Ruleset ruleset = PolicyTables.compile(programme);
			return DynamicContainer.dynamicContainer(PolicyTables.folder(programme).toString(),
					scenarios(programme).stream()
						.map(row -> DynamicTest.dynamicTest(row.get("scenario"), () -> check(ruleset, row))));
		});
	}

	static void check(Ruleset ruleset, Map<String, String> row) {
		Class<? extends Record> inputType = ruleset.inputType();
		Map<String, String> input = new HashMap<>(row);
		input.keySet().removeIf(key -> key.startsWith("expect.") || key.equals("scenario"));
		String error = row.get("expect.error");
		if (!error.isEmpty()) {
			assertThatThrownBy(() -> TextInputs.read(inputType, input)).isInstanceOfSatisfying(
					InvalidInputException.class,
					ex -> assertThat(ex.errors()).extracting(FieldError::field).containsExactly(error));
			return;
		}
		Decision decision = ruleset.decide(TextInputs.read(inputType, input), Locale.ENGLISH);
		assertSoftly(softly -> {
			softly.assertThat(name(decision.decision())).as("decision").isEqualTo(row.get("expect.decision"));
			softly.assertThat(name(decision.route())).as("route").isEqualTo(row.get("expect.route"));
			softly.assertThat(decision.components().stream().map(Enum::name).sorted().toList())
				.as("components")
				.isEqualTo(words(row.get("expect.components")).stream().sorted().toList());
			softly.assertThat(decision.grantedAmount())
				.as("grantedAmount")
				.isEqualByComparingTo(new BigDecimal(row.get("expect.grantedAmount")));
			softly.assertThat(name(decision.approvalLevel()))
				.as("approvalLevel")
				.isEqualTo(row.get("expect.approvalLevel"));
			softly.assertThat(name(decision.priority())).as("priority").isEqualTo(row.get("expect.priority"));
			softly.assertThat(decision.reasonCodes()).as("reasons").isEqualTo(words(row.get("expect.reasons")));
			if (row.containsKey("expect.tier")) {
				softly.assertThat(decision).as("decision type").isInstanceOf(ReintegrationDecision.class);
			}
			if (row.containsKey("expect.tier") && decision instanceof ReintegrationDecision package_) {
				softly.assertThat(name(package_.tier())).as("tier").isEqualTo(row.get("expect.tier"));
				softly.assertThat(package_.arrivalCash())
					.as("arrivalCash")
					.isEqualByComparingTo(new BigDecimal(row.get("expect.arrivalCash")));
				softly.assertThat(package_.inKindBudget())
					.as("inKindBudget")
					.isEqualByComparingTo(new BigDecimal(row.get("expect.inKindBudget")));
				softly.assertThat(name(package_.delivery())).as("delivery").isEqualTo(row.get("expect.delivery"));
				softly.assertThat(package_.monitoringMonths())
					.as("monitoringMonths")
					.isEqualTo(Integer.valueOf(row.get("expect.monitoringMonths")));
			}
		});
	}

	static List<Map<String, String>> scenarios(Programme programme) {
		try {
			List<String> lines = Files.readAllLines(PolicyTables.folder(programme).resolve("scenarios.csv"),
					StandardCharsets.UTF_8);
			CsvLineParser parser = new CsvLineParser();
			List<String> header = parser.parse(lines.get(0)).stream().map(Object::toString).toList();
			List<Map<String, String>> rows = new ArrayList<>();
			for (String line : lines.subList(1, lines.size())) {
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
			throw new java.io.UncheckedIOException(ex);
		}
	}

	private static List<String> words(String text) {
		return text.isEmpty() ? List.of() : List.of(text.split("\\s+"));
	}

	private static String name(Object value) {
		return Objects.toString(value, "");
	}

}
