package org.passage.eligibility;

import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.passage.cases.CaseFacts;
import org.passage.rules.facts.Bounds;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

/**
 * The fact contract holds for the forms as shipped: each programme's facts record plus
 * what Passage knows is exactly the decision's input; every fact has a form; and every
 * value a form can give a fact is a value the decision's input domain accepts, checked by
 * building inputs with it, so the domain is the one validation and the forms cannot drift
 * from it.
 */
class FactContractTest {

	private static final ObjectMapper JSON = new ObjectMapper();

	/**
	 * A decidable set of facts per programme (domain.md section 2), each form value is
	 * tried against.
	 */
	private static final Map<FactContract, Map<String, Object>> BASELINE = Map.of(FactContract.GAF,
			Map.ofEntries(Map.entry("victimStatus", "IDENTIFIED"), Map.entry("crossBorder", true),
					Map.entry("otherProgramme", "NONE"), Map.entry("minor", false), Map.entry("unaccompanied", false),
					Map.entry("guardianAppointed", false), Map.entry("immediateDanger", false),
					Map.entry("requested", List.of("MEDICAL")), Map.entry("requestedAmount", new BigDecimal("100.00")),
					Map.entry("reTraffickingRisk", "LOW"), Map.entry("consent", "GIVEN"),
					Map.entry("fundBalance", new BigDecimal("1000.00")), Map.entry("priorGafCases", 0)),
			FactContract.HASM,
			Map.ofEntries(Map.entry("stranded", true), Map.entry("cause", "DESTITUTION"),
					Map.entry("migrationStatus", "IRREGULAR"), Map.entry("ownMeans", false),
					Map.entry("severity", "DESPERATE"), Map.entry("wishesToReturn", true),
					Map.entry("protectionClaim", "NONE"), Map.entry("suspectedVictimOfTrafficking", false),
					Map.entry("avrrProjectAvailable", false), Map.entry("crisisOperationActive", false),
					Map.entry("unaccompaniedMinor", false), Map.entry("vulnerable", false),
					Map.entry("travelDocument", "VALID"), Map.entry("fitToTravel", "FIT"),
					Map.entry("estimatedCost", new BigDecimal("850.00")),
					Map.entry("fundBalance", new BigDecimal("5000.00"))),
			FactContract.REINTEGRATION,
			Map.ofEntries(Map.entry("pathway", "AVRR"), Map.entry("vulnerabilities", List.of()), Map.entry("adults", 1),
					Map.entry("children", 0), Map.entry("returnContext", "STABLE"), Map.entry("plan", "HOUSING"),
					Map.entry("businessPlanAssessed", false), Map.entry("contributionPct", 0),
					Map.entry("reTraffickingRisk", "LOW"), Map.entry("bannedFromDestination", false),
					Map.entry("priorPackage", false), Map.entry("age", 30)));

	@Test
	void theFormsFactsAndWhatPassageKnowsAreExactlyEachDecisionsInput() {
		for (FactContract contract : FactContract.values()) {
			Set<String> supplied = new HashSet<>(contract.formFacts());
			supplied.addAll(contract.known());
			assertThat(supplied).as(contract.name()).containsExactlyInAnyOrderElementsOf(contract.inputNames());
			for (RecordComponent fact : contract.factsType().getRecordComponents()) {
				RecordComponent input = component(contract.inputType(), fact.getName());
				assertThat(boxed(fact.getType())).as(contract + "." + fact.getName()).isEqualTo(boxed(input.getType()));
				if (input.getGenericType() instanceof ParameterizedType set) {
					assertThat(fact.getGenericType().getTypeName()).as(contract + "." + fact.getName())
						.isEqualTo(set.getTypeName());
				}
			}
			assertThat(contract.factsType().getEnclosingClass()).isEqualTo(CaseFacts.class);
		}
	}

	@Test
	void everyFactIsAskedByAFormThatFeedsTheDecision() throws IOException {
		for (FactContract contract : FactContract.values()) {
			Set<String> asked = new HashSet<>();
			for (String form : contract.feedingForms()) {
				fields(form).forEach(field -> asked.add(field.path("key").asText()));
			}
			assertThat(asked).as(contract.name()).containsAll(contract.formFacts());
			assertThat(contract.feedingForms()).containsAll(contract.decidingForms());
		}
	}

	@Test
	void theBaselineFactsAreDecidable() {
		for (FactContract contract : FactContract.values()) {
			assertThatCode(() -> contract.input(CaseFacts.none(), BASELINE.get(contract))).as(contract.name())
				.doesNotThrowAnyException();
		}
	}

	@TestFactory
	List<DynamicTest> everyValueAFormCanGiveAFactIsInTheDecisionsDomain() throws IOException {
		List<DynamicTest> tests = new ArrayList<>();
		for (FactContract contract : FactContract.values()) {
			for (String form : contract.feedingForms()) {
				for (JsonNode field : fields(form)) {
					String key = field.path("key").asText();
					if (contract.formFacts().contains(key)) {
						tests.add(DynamicTest.dynamicTest(contract + ": " + form + "." + key,
								() -> checkField(contract, form, field)));
					}
				}
			}
		}
		return tests;
	}

	private static void checkField(FactContract contract, String form, JsonNode field) {
		String key = field.path("key").asText();
		RecordComponent input = component(contract.inputType(), key);
		Class<?> type = boxed(input.getType());
		String kind = field.path("type").asText();
		List<Object> values = new ArrayList<>();
		if (type == Boolean.class) {
			assertThat(kind).as(form + "." + key).isEqualTo("checkbox");
			values.addAll(List.of(true, false));
		}
		else if (type.isEnum()) {
			assertThat(kind).as(form + "." + key).isIn("select", "radio");
			field.path("values").forEach(choice -> values.add(choice.path("value").asText()));
		}
		else if (Set.class.isAssignableFrom(type)) {
			assertThat(kind).as(form + "." + key).isEqualTo("checklist");
			field.path("values").forEach(choice -> values.add(List.of(choice.path("value").asText())));
			assertThat(((ParameterizedType) input.getGenericType()).getActualTypeArguments()[0]).isNotNull();
		}
		else {
			assertThat(kind).as(form + "." + key).isEqualTo("number");
			Bounds bounds = input.getAnnotation(Bounds.class);
			JsonNode validate = field.path("validate");
			assertThat(field.path("decimalDigits").asInt(0)).as(form + "." + key + " decimals")
				.isLessThanOrEqualTo(bounds.scale());
			assertThat(validate.has("min")).as(form + "." + key + " has a minimum").isTrue();
			values.add(validate.get("min").decimalValue());
			if (!bounds.max().isEmpty()) {
				assertThat(validate.has("max")).as(form + "." + key + " has a maximum").isTrue();
			}
			if (validate.has("max")) {
				values.add(validate.get("max").decimalValue());
			}
		}
		assertThat(values).as(form + "." + key + " offers values").isNotEmpty();
		for (Object value : values) {
			Map<String, Object> facts = new HashMap<>(BASELINE.get(contract));
			facts.put(key,
					value instanceof BigDecimal number && type == Integer.class ? number.intValueExact() : value);
			assertThatCode(() -> contract.input(CaseFacts.none(), facts)).as(form + "." + key + " = " + value)
				.doesNotThrowAnyException();
		}
	}

	private static List<JsonNode> fields(String form) throws IOException {
		try (InputStream in = FactContractTest.class.getResourceAsStream("/forms/" + form + ".form")) {
			assertThat(in).as("form " + form).isNotNull();
			List<JsonNode> fields = new ArrayList<>();
			JSON.readTree(in).path("components").forEach(fields::add);
			return fields;
		}
	}

	private static RecordComponent component(Class<? extends Record> type, String name) {
		for (RecordComponent component : type.getRecordComponents()) {
			if (component.getName().equals(name)) {
				return component;
			}
		}
		throw new AssertionError(type.getSimpleName() + " has no input " + name);
	}

	private static Class<?> boxed(Class<?> type) {
		if (type == boolean.class) {
			return Boolean.class;
		}
		return type == int.class ? Integer.class : type;
	}

}
