package org.passage.rules.engine;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;

import org.junit.jupiter.api.Test;
import org.passage.rules.Fixtures;
import org.passage.rules.decision.Component;
import org.passage.rules.decision.Decision;
import org.passage.rules.decision.Eligibility;
import org.passage.rules.decision.Priority;
import org.passage.rules.decision.Programme;
import org.passage.rules.decision.Reason;
import org.passage.rules.facts.Consent;
import org.passage.rules.facts.GafInput;
import org.passage.rules.facts.OtherProgramme;
import org.passage.rules.facts.RiskLevel;
import org.passage.rules.facts.VictimStatus;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A stage that reads only the input fires with the stage before it (ADR 0011). The
 * fixture has three stages like GAF's: a first-hit consent check, additive adjustments
 * that read the outcome so far, and a first-hit urgency table on the input alone, which
 * joins the adjustments' fire. The consent check's fire reads only the input, so no
 * outcome is inserted for it.
 */
class MergedStagesTest {

	private final Ruleset staged = RulesetCompiler
		.compile(Programme.GAF, "staged",
				List.of(Fixtures.table("staged/staged.csv"), Fixtures.table("staged/staged-reasons.csv")))
		.orThrow();

	private static GafInput input(Consent consent, String amount, boolean danger) {
		return new GafInput(VictimStatus.IDENTIFIED, true, OtherProgramme.NONE, consent, false, false, false, danger,
				EnumSet.of(Component.MEDICAL), new BigDecimal(amount), new BigDecimal("100000"), RiskLevel.LOW, 0);
	}

	@Test
	void readsWhichStagesReadTheOutcomeSoFarAndWhichMatchOnIt() {
		// The condition-less rows T2 and P2 match on the outcome to fire once per
		// decision.
		assertThat(this.staged.stages()).extracting(Stage::table, Stage::readsOutcome, Stage::matchesOutcome)
			.containsExactly(org.assertj.core.groups.Tuple.tuple("Consent check", false, true),
					org.assertj.core.groups.Tuple.tuple("Adjustments", true, true),
					org.assertj.core.groups.Tuple.tuple("Urgency", false, true));
	}

	@Test
	void aStageMatchesOnTheOutcomeWhenARuleOfItsGroupHasAnOutcomePattern() {
		String drl = """
				package org.passage.test;
				rule "Eligibility_10"
				    ruleflow-group "decide"
				    when
				        $i: GafInput(consent == Consent.GIVEN)
				    then
				        out.decide(Eligibility.ELIGIBLE);
				end
				rule "Priority_20"
				    ruleflow-group "urgency"
				    when
				        $i: GafInput(immediateDanger == true)
				    then
				        out.priority(Priority.URGENT);
				end
				rule "Priority_21"
				    ruleflow-group "urgency"
				    when
				    then
				        out.priority(Priority.NORMAL);
				end
				rule "Amount_30"
				    ruleflow-group "amount"
				    when
				        $o: Outcome(decision == Eligibility.ELIGIBLE)
				    then
				        out.grant(1);
				end
				""";
		assertThat(RulesetCompiler.groupsMatchingOutcome(RulesetCompiler.matchEveryStage(drl)))
			.containsExactlyInAnyOrder("urgency", "amount");
	}

	@Test
	void insertsTheOutcomeOnlyForAFireWhoseRowsMatchOnIt() {
		assertThat(this.staged.outcomeInsertedPerFire()).containsExactly(true, true);
		assertThat(this.staged.withOutcomeInEveryFire().outcomeInsertedPerFire()).containsExactly(true, true);
		// Every row of this first-hit table has a condition on the input: none needs the
		// outcome, and the decisions are those made with it.
		Ruleset everyConsent = RulesetCompiler
			.compile(Programme.GAF, "every consent", Fixtures.brokenTable("every-consent"))
			.orThrow();
		assertThat(everyConsent.stages()).extracting(Stage::matchesOutcome).containsExactly(false);
		assertThat(everyConsent.outcomeInsertedPerFire()).containsExactly(false);
		Ruleset withOutcome = everyConsent.withOutcomeInEveryFire();
		assertThat(withOutcome.outcomeInsertedPerFire()).containsExactly(true);
		for (Consent consent : Consent.values()) {
			for (String amount : List.of("10", "5000")) {
				GafInput input = input(consent, amount, false);
				assertThat(everyConsent.decide(input, Locale.ENGLISH)).as("%s %s", consent, amount)
					.isEqualTo(withOutcome.decide(input, Locale.ENGLISH));
			}
		}
	}

	@Test
	void namesEachReasonsOwnTableAndRowWhenTwoStagesShareAFire() {
		Decision decision = this.staged.decide(input(Consent.GIVEN, "5000", true), Locale.FRENCH);
		assertThat(decision.decision()).isEqualTo(Eligibility.PENDING_INFO);
		assertThat(decision.priority()).isEqualTo(Priority.URGENT);
		assertThat(decision.reasons()).extracting(Reason::code, Reason::table, Reason::row, Reason::message)
			.containsExactly(
					org.assertj.core.groups.Tuple.tuple("CONSENTED", "Consent check", "T1", "Consentement donné."),
					org.assertj.core.groups.Tuple.tuple("LARGE_AMOUNT", "Adjustments", "A1", "Montant élevé."),
					org.assertj.core.groups.Tuple.tuple("DANGER", "Urgency", "P1", "En danger immédiat."));
	}

	@Test
	void decidesEveryInputAsOneFirePerStageDoesOnAReusedSession() {
		List<GafInput> inputs = new ArrayList<>();
		for (int i = 0; i < 40; i++) {
			inputs.add(input(Consent.GIVEN, "5000", true));
			inputs.add(input(Consent.REFUSED, "10", false));
			inputs.add(input(Consent.GIVEN, "1000", false));
			inputs.add(input(Consent.PENDING, "2000", true));
		}
		Ruleset oneFirePerStage = this.staged.withOneFirePerStage();
		Ruleset outcomeInEveryFire = this.staged.withOutcomeInEveryFire();
		List<Decision> merged = this.staged.decideAll(inputs, Locale.ENGLISH);
		for (int i = 0; i < inputs.size(); i++) {
			assertThat(merged.get(i)).as("input %d", i)
				.isEqualTo(oneFirePerStage.decide(inputs.get(i), Locale.ENGLISH))
				.isEqualTo(outcomeInEveryFire.decide(inputs.get(i), Locale.ENGLISH))
				.isEqualTo(this.staged.decide(inputs.get(i), Locale.ENGLISH));
		}
		// The urgency table's condition-less row fires for every decision that reaches
		// it.
		assertThat(merged.get(6).priority()).isEqualTo(Priority.NORMAL);
		assertThat(merged.get(6).reasons()).extracting(Reason::row).containsExactly("T1");
		assertThat(merged.get(5).decision()).isEqualTo(Eligibility.NOT_ELIGIBLE);
		assertThat(merged.get(5).reasons()).extracting(Reason::row).containsExactly("T2");
	}

}
