package org.passage.ui;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.passage.cases.CaseStatus;
import org.passage.cases.CaseType;
import org.passage.cases.Person;
import org.passage.security.Roles;
import org.passage.rules.decision.ApprovalLevel;
import org.passage.rules.decision.Eligibility;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every word of the pages exists in English, French and Spanish: the three bundles hold
 * the same keys, none empty, and every key a template names, or an enum the pages label,
 * is in them.
 */
class MessageBundlesTest {

	private static final Path RESOURCES = Path.of("src/main/resources");

	private static final Pattern LITERAL_KEY = Pattern.compile("#\\{([A-Za-z][A-Za-z0-9_.]*)[}(]");

	@Test
	void theThreeBundlesHoldTheSameKeysAndNoneIsEmpty() throws IOException {
		Map<String, Properties> bundles = bundles();
		Set<String> english = keys(bundles.get("en"));
		assertThat(english).isNotEmpty();
		for (Map.Entry<String, Properties> bundle : bundles.entrySet()) {
			assertThat(keys(bundle.getValue())).as("the keys of messages_%s", bundle.getKey())
				.containsExactlyInAnyOrderElementsOf(english);
			bundle.getValue()
				.forEach((key, value) -> assertThat(value.toString().trim()).as("%s in %s", key, bundle.getKey())
					.isNotEmpty());
		}
	}

	@Test
	void everyKeyATemplateNamesIsInTheBundles() throws IOException {
		Set<String> english = keys(bundles().get("en"));
		Set<String> used = new TreeSet<>();
		try (Stream<Path> templates = Files.walk(RESOURCES.resolve("templates"))) {
			for (Path template : templates.filter(p -> p.toString().endsWith(".html")).toList()) {
				Matcher key = LITERAL_KEY.matcher(Files.readString(template));
				while (key.find()) {
					used.add(key.group(1));
				}
			}
		}
		assertThat(used).hasSizeGreaterThan(50);
		assertThat(english).containsAll(used);
	}

	@Test
	void everyValueThePagesLabelIsInTheBundles() throws IOException {
		Set<String> english = keys(bundles().get("en"));
		Set<String> labelled = new TreeSet<>();
		Arrays.stream(CaseType.values()).forEach(v -> labelled.add("caseType." + v));
		Arrays.stream(CaseStatus.values()).forEach(v -> labelled.add("caseStatus." + v));
		Arrays.stream(Person.Sex.values()).forEach(v -> labelled.add("sex." + v));
		Arrays.stream(Eligibility.values()).forEach(v -> labelled.add("outcome." + v));
		Arrays.stream(ApprovalLevel.values()).forEach(v -> labelled.add("approvalLevel." + v));
		Roles.ALL.forEach(role -> labelled.add("role." + role));
		Languages.SPOKEN.forEach(language -> labelled.add("language." + language.getLanguage()));
		for (String status : new String[] { "400", "401", "403", "404", "409", "other" }) {
			labelled.add("error.title." + status);
			labelled.add("error.text." + status);
		}
		for (String notice : new String[] { "inbox.claimed", "inbox.unclaimed.done", "inbox.refused.taken",
				"inbox.refused.fourEyes", "inbox.refused.other" }) {
			labelled.add(notice);
		}
		// The policy staff's pages
		Arrays.stream(org.passage.decisiontables.VersionStatus.values()).forEach(v -> {
			labelled.add("versionStatus." + v);
			labelled.add("policy.status.explain." + v);
		});
		Arrays.stream(org.passage.impact.Simulation.Status.values())
			.forEach(v -> labelled.add("simulationStatus." + v));
		Arrays.stream(org.passage.rules.table.Finding.Kind.values()).forEach(v -> labelled.add("finding." + v));
		Arrays.stream(org.passage.decisiontables.VersionScenarios.Origin.values())
			.forEach(v -> labelled.add("policy.scenarios.origin." + v));
		Arrays.stream(org.passage.decisiontables.TableDiff.Change.values())
			.forEach(v -> labelled.add("policy.changes.table." + v));
		Arrays.stream(org.passage.impact.DecisionScenarios.Expect.values())
			.forEach(v -> labelled.add("policy.scenarios.expect." + v));
		labelled.add("policy.changes.setting.stage");
		labelled.add("policy.changes.setting.firstHit");
		labelled.add("policy.value.UNDECIDED");
		labelled.add("policy.value.NONE");
		for (String action : new String[] { "UPLOADED", "SUBMITTED", "APPROVED", "REJECTED", "ACTIVATED", "RETIRED",
				"ROLLBACK_REQUESTED", "ROLLBACK_APPROVED", "ROLLBACK_REFUSED", "SCENARIOS_UPLOADED", "SCENARIO_ADDED",
				"SIMULATION_STARTED", "SIMULATION_FINISHED", "SIMULATION_CANCELLED" }) {
			labelled.add("rulesetEvent." + action);
		}
		for (String field : org.passage.rules.table.ScenarioFile.EXPECTATIONS) {
			labelled.add("field." + field);
		}
		assertThat(english).containsAll(labelled);
	}

	/**
	 * Each refusal of a policy action carries the key of its sentence: the pages say it
	 * in the reader's language, so every key a refusal names, and every key the policy
	 * pages' controller names, is in the bundles.
	 */
	@Test
	void everySentenceOfThePolicyPagesIsInTheBundles() throws IOException {
		Set<String> english = keys(bundles().get("en"));
		Pattern word = Pattern.compile("\"([a-z][A-Za-z]*)\"");
		int calls = 0;
		try (Stream<Path> sources = Files.walk(Path.of("src/main/java"))) {
			for (Path source : sources.filter(p -> p.toString().endsWith(".java")).toList()) {
				String text = Files.readString(source);
				for (int at = text.indexOf("new LifecycleRefused("); at >= 0; at = text.indexOf("new LifecycleRefused(",
						at + 1)) {
					String call = text.substring(at, closing(text, at + "new LifecycleRefused(".length()));
					Matcher literal = word.matcher(call);
					Set<String> candidates = new TreeSet<>();
					while (literal.find()) {
						candidates.add("policy.refused." + literal.group(1));
					}
					assertThat(candidates).as("the sentence key of %s in %s", call, source.getFileName())
						.containsAnyElementsOf(english);
					calls++;
				}
				Matcher named = Pattern.compile("\"(policy\\.[a-zA-Z.]*[a-zA-Z])\"").matcher(text);
				while (named.find()) {
					assertThat(english).as("in %s", source.getFileName()).contains(named.group(1));
				}
			}
		}
		assertThat(calls).isGreaterThan(25);
	}

	/** Where the call whose arguments start at {@code from} ends, strings skipped. */
	private static int closing(String text, int from) {
		int depth = 1;
		boolean quoted = false;
		for (int i = from; i < text.length(); i++) {
			char c = text.charAt(i);
			if (quoted) {
				if (c == '\\') {
					i++;
				}
				else if (c == '"') {
					quoted = false;
				}
			}
			else if (c == '"') {
				quoted = true;
			}
			else if (c == '(') {
				depth++;
			}
			else if (c == ')' && --depth == 0) {
				return i;
			}
		}
		throw new IllegalStateException("An unclosed call at " + from);
	}

	private static Map<String, Properties> bundles() throws IOException {
		Map<String, Properties> bundles = new LinkedHashMap<>();
		bundles.put("en", load("messages.properties"));
		bundles.put("fr", load("messages_fr.properties"));
		bundles.put("es", load("messages_es.properties"));
		return bundles;
	}

	private static Properties load(String name) throws IOException {
		Properties properties = new Properties();
		try (InputStream in = Files.newInputStream(RESOURCES.resolve(name))) {
			properties.load(new java.io.InputStreamReader(in, StandardCharsets.UTF_8));
		}
		return properties;
	}

	private static Set<String> keys(Properties properties) {
		return new TreeSet<>(properties.stringPropertyNames());
	}

}
