package org.passage;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The published API contract, {@code docs/api/openapi.json} (kept equal to what the
 * service serves by {@code OpenApiDocumentIT}), passes Redocly's recommended rules with
 * no error and no warning: a client generated from it, or a router built on it, can trust
 * it. Redocly's CLI comes from npm, at a pinned version, through {@code npx}. A machine
 * without Node skips this test, except in CI ({@code CI=true}), where it fails.
 */
class ApiContractLintTest {

	/**
	 * Pinned so that a new rule in a later release cannot break the build unannounced.
	 */
	static final String REDOCLY = "@redocly/cli@2.77.0";

	private static final Path CONTRACT = Path.of("../docs/api/openapi.json");

	@Test
	void theApiContractPassesRedoclysRecommendedRulesWithoutAWarning() throws Exception {
		Path report = Files.createTempFile("redocly", ".json");
		Path log = Files.createTempFile("redocly", ".log");
		Process lint;
		try {
			lint = new ProcessBuilder("npx", "--yes", REDOCLY, "lint", "--extends=recommended", "--format=json",
					CONTRACT.toAbsolutePath().normalize().toString())
				.redirectOutput(report.toFile())
				.redirectError(log.toFile())
				.start();
		}
		catch (IOException noNode) {
			assertThat(System.getenv("CI")).as("npx (Node) is needed to lint the API contract in CI")
				.isNotEqualToIgnoringCase("true");
			Assumptions.abort("npx is not installed: the API contract is not linted here");
			return;
		}
		assertThat(lint.waitFor(10, TimeUnit.MINUTES)).as("Redocly finished").isTrue();
		String output = Files.readString(report);
		JsonNode result;
		try {
			result = new ObjectMapper().readTree(output.substring(Math.max(0, output.indexOf('{'))));
		}
		catch (IOException ex) {
			throw new AssertionError("Redocly gave no report: " + output + Files.readString(log), ex);
		}
		assertThat(problems(result)).as("Redocly's findings in " + CONTRACT).isEmpty();
		assertThat(result.at("/totals/errors").asInt()).isZero();
		assertThat(result.at("/totals/warnings").asInt()).isZero();
		Files.deleteIfExists(report);
		Files.deleteIfExists(log);
	}

	private static List<String> problems(JsonNode result) {
		List<String> found = new ArrayList<>();
		for (JsonNode problem : result.path("problems")) {
			found.add(problem.path("severity").asText() + " " + problem.path("ruleId").asText() + ": "
					+ problem.path("message").asText() + " at "
					+ problem.path("location").path(0).path("pointer").asText());
		}
		return found;
	}

}
