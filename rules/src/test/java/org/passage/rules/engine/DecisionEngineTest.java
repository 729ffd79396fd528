package org.passage.rules.engine;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.junit.jupiter.api.Test;
import org.passage.rules.Fixtures;
import org.passage.rules.decision.Decision;
import org.passage.rules.decision.Eligibility;
import org.passage.rules.decision.Programme;
import org.passage.rules.facts.Consent;
import org.passage.rules.facts.GafInput;
import org.passage.rules.table.TableFile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Evaluation against compiled tables: reasons, languages, versions, and threads. */
class DecisionEngineTest {

	private final Ruleset valid = RulesetCompiler.compile(Programme.GAF, "valid v1", Fixtures.brokenTable("valid"))
		.orThrow();

	@Test
	void explainsADecisionWithTheDecidingRowAndItsMessage() {
		Decision decision = this.valid.decide(Fixtures.gaf(Consent.GIVEN, "999.99"), Locale.FRENCH);
		assertThat(decision.decision()).isEqualTo(Eligibility.ELIGIBLE);
		assertThat(decision.reasons()).singleElement().satisfies(reason -> {
			assertThat(reason.code()).isEqualTo("SMALL");
			assertThat(reason.table()).isEqualTo("Consent check");
			assertThat(reason.row()).isEqualTo("T1");
			assertThat(reason.message()).isEqualTo("Petit montant.");
		});
		assertThat(decision.rulesetVersion().label()).isEqualTo("valid v1");
		assertThat(decision.rulesetVersion().hash()).hasSize(64);
	}

	/**
	 * Sessions are reused (ADR 0008). For the first input all three rows match (T3 has no
	 * condition at all): only the first may fire, and a row without conditions must fire
	 * again for every later input that reaches it. Fails if two deciding rows fire, or if
	 * T3 fires only once per session.
	 */
	@Test
	void firesOnlyTheFirstMatchingRowOfAFirstHitTableForEveryDecisionOnAReusedSession() {
		List<GafInput> inputs = new ArrayList<>();
		List<String> expected = new ArrayList<>();
		for (int i = 0; i < 50; i++) {
			inputs.add(Fixtures.gaf(Consent.GIVEN, "999.99"));
			expected.add("T1");
			inputs.add(Fixtures.gaf(Consent.WITHDRAWN, "10"));
			expected.add("T3");
			inputs.add(Fixtures.gaf(Consent.GIVEN, "5000"));
			expected.add("T2");
			inputs.add(Fixtures.gaf(Consent.REFUSED, "5000"));
			expected.add("T3");
		}
		List<Decision> batch = this.valid.decideAll(inputs, Locale.ENGLISH);
		List<Decision> oneByOne = new ArrayList<>();
		for (GafInput input : inputs) {
			oneByOne.add(this.valid.decide(input, Locale.ENGLISH));
		}
		for (List<Decision> decisions : List.of(batch, oneByOne)) {
			assertThat(decisions).hasSameSizeAs(inputs);
			for (int i = 0; i < decisions.size(); i++) {
				assertThat(decisions.get(i).reasons()).as("decision %d", i)
					.extracting(org.passage.rules.decision.Reason::row)
					.containsExactly(expected.get(i));
			}
		}
		assertThat(batch).isEqualTo(oneByOne);
	}

	@Test
	void fallsBackToEnglishWhereATranslationIsMissing() {
		Decision decision = this.valid.decide(Fixtures.gaf(Consent.GIVEN, "1000.01"), Locale.forLanguageTag("es"));
		assertThat(decision.reasons().get(0).message()).isEqualTo("Large amount.");
	}

	@Test
	void refusesAnotherProgrammesInput() {
		var hasm = RulesetCompiler.compile(Programme.HASM, "x", Fixtures.brokenTable("valid"));
		assertThat(hasm.findings()).anySatisfy(finding -> assertThat(finding.message())
			.contains("must declare the variable 'org.passage.rules.engine.HasmDraft out'"));
		assertThatThrownBy(() -> new DecisionEngine(List.of(this.valid)).decide(Programme.HASM,
				Fixtures.gaf(Consent.GIVEN, "1"), Locale.ENGLISH))
			.hasMessageContaining("No ruleset is live for HASM");
	}

	@Test
	void givesTheSameContentTheSameVersionHash() {
		List<TableFile> files = Fixtures.brokenTable("valid");
		assertThat(RulesetCompiler.hash(files)).isEqualTo(this.valid.version().hash());
		assertThat(RulesetCompiler.hash(Fixtures.brokenTable("shadowed-row")))
			.isNotEqualTo(this.valid.version().hash());
	}

	/**
	 * Two versions that disagree about one input, swapped back and forth while four
	 * threads decide: every decision must be wholly one version's, never a mix.
	 */
	@Test
	void swapsRulesetsAtomicallyUnderConcurrentEvaluation() throws Exception {
		// Version 2 refuses what version 1 grants: row T1 decides NOT_ELIGIBLE instead of
		// ELIGIBLE.
		String strictTable = new String(Fixtures.table("broken/valid.csv").content(), StandardCharsets.UTF_8)
			.replace("T1,decide,decide,GIVEN,1000,ELIGIBLE,SMALL", "T1,decide,decide,GIVEN,1000,NOT_ELIGIBLE,SMALL");
		Ruleset strict = RulesetCompiler.compile(Programme.GAF, "strict v2",
				List.of(new TableFile("strict.csv", strictTable.getBytes(StandardCharsets.UTF_8)),
						Fixtures.table("broken/valid-reasons.csv")))
			.orThrow();
		DecisionEngine engine = new DecisionEngine(List.of(this.valid));
		GafInput input = Fixtures.gaf(Consent.GIVEN, "10");
		List<Decision> all = new ArrayList<>();
		Fixtures.onThreadsAtOnce(4, () -> {
			List<Decision> decisions = new ArrayList<>();
			for (int i = 0; i < 500; i++) {
				decisions.add(engine.decide(Programme.GAF, input, Locale.ENGLISH));
			}
			return decisions;
		}, () -> {
			for (int swap = 0; swap < 200; swap++) {
				engine.activate(swap % 2 == 0 ? strict : this.valid);
			}
		}).forEach(all::addAll);
		assertThat(all).hasSize(2000)
			.allSatisfy(decision -> assertThat(decision.decision())
				.isEqualTo(decision.rulesetVersion().label().equals("strict v2") ? Eligibility.NOT_ELIGIBLE
						: Eligibility.ELIGIBLE));
	}

	@Test
	void startsWithTheRulesetsItIsGivenAndTellsWhichOneAnActivationReplaced() {
		Ruleset second = RulesetCompiler.compile(Programme.GAF, "valid v2", Fixtures.brokenTable("valid")).orThrow();
		DecisionEngine engine = new DecisionEngine(List.of(this.valid));
		assertThat(engine.active(Programme.GAF)).isSameAs(this.valid);
		assertThatThrownBy(() -> engine.active(Programme.HASM)).isInstanceOf(IllegalStateException.class)
			.hasMessage("No ruleset is live for HASM");
		assertThat(engine.activate(second)).isSameAs(this.valid);
		assertThat(engine.active(Programme.GAF)).isSameAs(second);
		assertThat(engine.decide(Programme.GAF, Fixtures.gaf(Consent.GIVEN, "10"), Locale.ENGLISH)
			.rulesetVersion()
			.label()).isEqualTo("valid v2");
	}

}
