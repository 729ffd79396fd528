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
import org.passage.rules.decision.Programme;
import org.passage.rules.facts.Consent;
import org.passage.rules.facts.GafInput;
import org.passage.rules.facts.OtherProgramme;
import org.passage.rules.facts.RiskLevel;
import org.passage.rules.facts.VictimStatus;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A decision borrows a session that no other decision uses until it is given back, so
 * sessions go without Drools' thread-safe mode (ADR 0012): what matters is that many
 * threads deciding at once get exactly what one thread gets.
 */
class SessionsTest {

	private final Ruleset staged = RulesetCompiler
		.compile(Programme.GAF, "staged",
				List.of(Fixtures.table("staged/staged.csv"), Fixtures.table("staged/staged-reasons.csv")))
		.orThrow();

	private static List<GafInput> inputs() {
		List<GafInput> inputs = new ArrayList<>();
		for (Consent consent : Consent.values()) {
			for (String amount : List.of("10", "1000", "1001", "5000")) {
				for (boolean danger : List.of(true, false)) {
					inputs.add(new GafInput(VictimStatus.IDENTIFIED, true, OtherProgramme.NONE, consent, false, false,
							false, danger, EnumSet.of(Component.MEDICAL), new BigDecimal(amount),
							new BigDecimal("100000"), RiskLevel.LOW, 0));
				}
			}
		}
		return inputs;
	}

	@Test
	void makesSessionsWithoutDroolsThreadSafeMode() {
		assertThat(this.staged.sessionsThreadSafe()).isFalse();
		assertThat(this.staged.withThreadSafeSessions().sessionsThreadSafe()).isTrue();
	}

	@Test
	void decidesOnFourThreadsAtOnceWhatOneThreadDecides() throws Exception {
		List<GafInput> inputs = inputs();
		List<Decision> expected = this.staged.withThreadSafeSessions().decideAll(inputs, Locale.ENGLISH);
		List<List<Decision>> perThread = Fixtures.onThreadsAtOnce(4, () -> {
			List<Decision> decisions = new ArrayList<>();
			for (int round = 0; round < 50; round++) {
				for (GafInput input : inputs) {
					decisions.add(this.staged.decide(input, Locale.ENGLISH));
				}
			}
			return decisions;
		}, () -> {
		});
		for (List<Decision> decisions : perThread) {
			for (int i = 0; i < decisions.size(); i++) {
				assertThat(decisions.get(i)).as("decision %d", i).isEqualTo(expected.get(i % inputs.size()));
			}
		}
	}

}
