package org.passage.decisions;

import java.math.BigDecimal;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.passage.rules.decision.Component;
import org.passage.rules.decision.Eligibility;
import org.passage.rules.decision.Tier;
import org.passage.rules.facts.Consent;
import org.passage.rules.facts.GafInput;
import org.passage.rules.facts.OtherProgramme;
import org.passage.rules.facts.Pathway;
import org.passage.rules.facts.ReintegrationInput;
import org.passage.rules.facts.ReintegrationPlan;
import org.passage.rules.facts.ReturnContext;
import org.passage.rules.facts.RiskLevel;
import org.passage.rules.facts.VictimStatus;
import org.passage.web.NotFoundException;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.transaction.support.TransactionTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The typed entry other modules call: inputs of the rules in, views out, and a recorded
 * decision that commits or rolls back with the caller's transaction.
 */
class DecisionServiceIT extends DecisionApiTesting {

	private static final GafInput GAF = new GafInput(VictimStatus.IDENTIFIED, true, OtherProgramme.NONE, Consent.GIVEN,
			false, false, false, false, EnumSet.of(Component.MEDICAL, Component.LEGAL), new BigDecimal("2500.00"),
			new BigDecimal("10000.00"), RiskLevel.LOW, 0);

	private static final DecisionContext CASE = new DecisionContext("VOT-2026-000456", "process", Locale.FRENCH);

	@Autowired
	DecisionService decisions;

	@Autowired
	TransactionTemplate transactions;

	@Test
	void recordsInTheCallersTransactionAndNotAtAllWhenItRollsBack() {
		long before = recorded();
		UUID rolledBack = this.transactions.execute(status -> {
			DecisionView view = this.decisions.record(GAF, CASE);
			assertThat(recorded()).as("visible inside the caller's transaction").isEqualTo(before + 1);
			status.setRollbackOnly();
			return view.decisionId();
		});
		assertThat(recorded()).isEqualTo(before);
		assertThatThrownBy(() -> this.decisions.get(rolledBack)).isInstanceOf(NotFoundException.class);

		DecisionView committed = this.transactions.execute(status -> this.decisions.record(GAF, CASE));
		assertThat(recorded()).isEqualTo(before + 1);
		assertThat(committed.programme()).isEqualTo("gaf");
		assertThat(committed.caseId()).isEqualTo("VOT-2026-000456");
		assertThat(committed.decision()).isEqualTo(Eligibility.ELIGIBLE);
		assertThat(committed.reasons().get(0).message()).startsWith("Éligible au GAF");
		assertThat(committed.tier()).isNull();
		assertThat(this.decisions.get(committed.decisionId())).isEqualTo(committed);
		assertThat(this.decisions.list("VOT-2026-000456", null, null, null, 0, 10)).contains(committed);
		assertThat(this.decisions.replay(committed.decisionId(), false, Locale.ENGLISH).identical()).isTrue();
	}

	@Test
	void evaluatesAReintegrationPackageWithItsOwnOutputsAndStoresNothing() {
		long before = recorded();
		DecisionView view = this.decisions.evaluate(
				new ReintegrationInput(Pathway.AVRR, Set.of(), 1, 2, ReturnContext.STABLE,
						ReintegrationPlan.JOB_PLACEMENT, false, 0, RiskLevel.LOW, false, false, 34),
				new DecisionContext(null, "test", Locale.ENGLISH));
		assertThat(view.decisionId()).isNull();
		assertThat(view.programme()).isEqualTo("reintegration");
		assertThat(view.tier()).isEqualTo(Tier.STANDARD);
		assertThat(view.grantedAmount()).isEqualByComparingTo("2400");
		assertThat(view.monitoringMonths()).isEqualTo(6);
		assertThat(recorded()).isEqualTo(before);
	}

	@Test
	void refusesARecordThatIsNoProgrammesInputAndAnUnknownId() {
		record NotAnInput(int value) {
		}
		assertThatThrownBy(() -> this.decisions.evaluate(new NotAnInput(1), CASE))
			.isInstanceOf(IllegalArgumentException.class)
			.hasMessageContaining("No programme decides NotAnInput");
		assertThatThrownBy(() -> this.decisions.get(UUID.randomUUID())).isInstanceOf(NotFoundException.class);
	}

}
