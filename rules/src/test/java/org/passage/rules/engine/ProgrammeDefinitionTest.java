package org.passage.rules.engine;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;

import org.junit.jupiter.api.Test;
import org.passage.rules.Fixtures;
import org.passage.rules.decision.Decision;
import org.passage.rules.decision.GafDecision;
import org.passage.rules.decision.Programme;
import org.passage.rules.facts.Consent;
import org.passage.rules.facts.GafInput;
import org.passage.rules.facts.HasmInput;
import org.passage.rules.facts.ReintegrationInput;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** One definition per programme, and every programme has its own of everything. */
class ProgrammeDefinitionTest {

	@Test
	void definesEachProgrammeOnceWithItsOwnTypesAndFolder() {
		assertThat(Arrays.stream(Programme.values()).map(Programme::definition))
			.extracting(ProgrammeDefinition::programme, ProgrammeDefinition::inputType, ProgrammeDefinition::draftType,
					ProgrammeDefinition::tableFolder)
			.containsExactly(
					org.assertj.core.groups.Tuple.tuple(Programme.GAF, GafInput.class, GafDraft.class,
							"gaf-eligibility"),
					org.assertj.core.groups.Tuple.tuple(Programme.HASM, HasmInput.class, HasmDraft.class,
							"hasm-eligibility"),
					org.assertj.core.groups.Tuple.tuple(Programme.REINTEGRATION, ReintegrationInput.class,
							ReintegrationDraft.class, "reintegration-package"));
		assertThat(Arrays.stream(Programme.values()).map(p -> p.definition().decisionType()).distinct()).hasSize(3);
		assertThat(Programme.GAF.definition().inputNames()).startsWith("victimStatus", "crossBorder")
			.endsWith("priorGafCases");
	}

	@Test
	void knowsTheProgrammeOfAnInputAndRefusesAnyOtherRecord() {
		GafInput input = Fixtures.gaf(Consent.GIVEN, "10");
		assertThat(Programme.of(input)).isEqualTo(Programme.GAF);
		record Other(int value) {
		}
		assertThatThrownBy(() -> Programme.of(new Other(1))).isInstanceOf(IllegalArgumentException.class)
			.hasMessageContaining("No programme decides Other");
		assertThatThrownBy(() -> Programme.HASM.definition().draft(input)).isInstanceOf(IllegalArgumentException.class)
			.hasMessageContaining("HASM decides HasmInput, not GafInput");
	}

	@Test
	void makesTheProgrammesOwnDecisionType() {
		Ruleset ruleset = RulesetCompiler.compile(Programme.GAF, "valid v1", Fixtures.brokenTable("valid")).orThrow();
		Decision decision = ruleset.decide(Fixtures.gaf(Consent.GIVEN, "10"), Locale.ENGLISH);
		assertThat(decision).isInstanceOf(GafDecision.class);
		assertThat(decision.programme()).isEqualTo(Programme.GAF);
		assertThat(decision.reasonCodes()).isEqualTo(List.of("SMALL"));
	}

}
