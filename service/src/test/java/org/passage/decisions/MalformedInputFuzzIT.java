package org.passage.decisions;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Thousands of bodies that are each wrong in one way (a field missing, a field unknown, a
 * value of the wrong JSON type, a value outside its domain, or JSON cut short), generated
 * by jqwik from valid inputs: the API must answer each with a 4xx problem, never a 5xx,
 * and record nothing.
 */
class MalformedInputFuzzIT extends DecisionApiTesting {

	private static final int BODIES = 5_000;

	private static final Map<String, String> VALID = Map.of("gaf", """
			{"victimStatus": "IDENTIFIED", "crossBorder": true, "otherProgramme": "NONE", "consent": "GIVEN",
			 "minor": false, "unaccompanied": false, "guardianAppointed": false, "immediateDanger": false,
			 "requested": ["MEDICAL"], "requestedAmount": 500.00, "fundBalance": 10000.00, "reTraffickingRisk": "LOW",
			 "priorGafCases": 0}""", "hasm", """
			{"stranded": true, "cause": "DESTITUTION", "migrationStatus": "IRREGULAR", "ownMeans": false,
			 "severity": "DESPERATE", "wishesToReturn": true, "protectionClaim": "NONE",
			 "suspectedVictimOfTrafficking": false, "avrrProjectAvailable": false, "crisisOperationActive": false,
			 "unaccompaniedMinor": false, "vulnerable": false, "travelDocument": "VALID", "fitToTravel": "FIT",
			 "estimatedCost": 850.00, "fundBalance": 5000.00}""", "reintegration", """
			{"pathway": "AVRR", "vulnerabilities": [], "adults": 1, "children": 0, "returnContext": "STABLE",
			 "plan": "HOUSING", "businessPlanAssessed": false, "contributionPct": 0, "reTraffickingRisk": "LOW",
			 "bannedFromDestination": false, "priorPackage": false, "age": 30}""");

	/** Values outside each numeric field's domain. */
	private static final Map<String, List<String>> OUT_OF_DOMAIN = Map.of("requestedAmount", List.of("-0.01", "1.005"),
			"fundBalance", List.of("-1", "0.001"), "priorGafCases", List.of("-1", "2.5"), "estimatedCost",
			List.of("-850", "1.234"), "adults", List.of("0", "11"), "children", List.of("-1", "11"), "contributionPct",
			List.of("101", "-1"), "age", List.of("121", "-1"));

	@Test
	void neverAnswersMalformedInputWithA5xxAndNeverRecordsIt() throws Exception {
		long before = recorded();
		Arbitrary<String> programmes = Arbitraries.of("gaf", "hasm", "reintegration");
		Arbitrary<Integer> kinds = Arbitraries.integers().between(0, 4);
		Arbitrary<Integer> positions = Arbitraries.integers().between(0, 10_000);
		Arbitrary<String> words = Arbitraries.strings().withCharRange('!', '~').ofMinLength(1).ofMaxLength(12);
		Iterator<String[]> cases = Combinators.combine(programmes, kinds, positions, words)
			.as((programme, kind, position,
					word) -> new String[] { programme, mutate(programme, kind, position, word) })
			.sampleStream()
			.limit(BODIES)
			.iterator();
		List<String> failures = new ArrayList<>();
		int sent = 0;
		while (cases.hasNext()) {
			String[] next = cases.next();
			ResponseEntity<String> answer = post("/api/v1/decisions/" + next[0], next[1], null, "en");
			sent++;
			boolean problem = answer.getHeaders().getContentType() != null
					&& answer.getHeaders().getContentType().isCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON);
			if (!answer.getStatusCode().is4xxClientError() || !problem) {
				failures.add(answer.getStatusCode() + " for " + next[1]);
			}
		}
		assertThat(sent).isEqualTo(BODIES);
		assertThat(failures).as("answers that were not a 4xx problem").isEmpty();
		assertThat(recorded()).isEqualTo(before);
	}

	/**
	 * A body that is wrong in exactly one way: {@code kind} says which, {@code position}
	 * where.
	 */
	private String mutate(String programme, int kind, int position, String word) {
		try {
			ObjectNode body = (ObjectNode) this.json.readTree(VALID.get(programme));
			List<String> fields = new ArrayList<>();
			body.fieldNames().forEachRemaining(fields::add);
			String field = fields.get(position % fields.size());
			JsonNode value = body.get(field);
			switch (kind) {
				case 0 -> body.remove(field);
				case 1 -> body.put("unknown_" + word.hashCode(), word);
				case 2 -> body.set(field, wrongType(value, word));
				case 3 -> {
					String numeric = OUT_OF_DOMAIN.keySet()
						.stream()
						.filter(body::has)
						.sorted()
						.toList()
						.get(position % (int) OUT_OF_DOMAIN.keySet().stream().filter(body::has).count());
					body.set(numeric, this.json.readTree(OUT_OF_DOMAIN.get(numeric).get(position % 2)));
				}
				default -> {
					String text = this.json.writeValueAsString(body);
					return text.substring(0, position % (text.length() - 1));
				}
			}
			return this.json.writeValueAsString(body);
		}
		catch (Exception ex) {
			throw new IllegalStateException(ex);
		}
	}

	/**
	 * A value whose JSON type the field never takes, or an enum name that does not exist.
	 */
	private JsonNode wrongType(JsonNode value, String word) {
		if (value.isBoolean() || value.isNumber()) {
			return this.json.getNodeFactory().textNode(word);
		}
		if (value.isArray()) {
			return this.json.getNodeFactory().textNode(word);
		}
		return this.json.getNodeFactory().textNode("NOT_A_VALUE_" + Math.abs(word.hashCode()));
	}

}
