package org.passage.benchmarks;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Random;
import java.util.Set;

import org.passage.rules.decision.Component;
import org.passage.rules.facts.Consent;
import org.passage.rules.facts.FitToTravel;
import org.passage.rules.facts.GafInput;
import org.passage.rules.facts.HasmInput;
import org.passage.rules.facts.MigrationStatus;
import org.passage.rules.facts.OtherProgramme;
import org.passage.rules.facts.Pathway;
import org.passage.rules.facts.ProtectionClaim;
import org.passage.rules.facts.ReintegrationInput;
import org.passage.rules.facts.ReintegrationPlan;
import org.passage.rules.facts.ReturnContext;
import org.passage.rules.facts.RiskLevel;
import org.passage.rules.facts.Severity;
import org.passage.rules.facts.StrandingCause;
import org.passage.rules.facts.TravelDocument;
import org.passage.rules.facts.VictimStatus;
import org.passage.rules.facts.Vulnerability;

/**
 * The inputs every benchmark decides, the same for every engine: generated from a fixed
 * seed, skewed the way casework is (most cases consented and identified) so that the
 * deciding rows are spread over the table rather than stopping at the first one.
 */
final class SampleInputs {

	static final int COUNT = 1024;

	private SampleInputs() {
	}

	static List<GafInput> gaf() {
		Random random = new Random(42);
		List<GafInput> inputs = new ArrayList<>(COUNT);
		for (int i = 0; i < COUNT; i++) {
			Set<Component> requested = EnumSet.noneOf(Component.class);
			for (Component service : Component.GAF_SERVICES) {
				if (random.nextInt(4) == 0) {
					requested.add(service);
				}
			}
			if (requested.isEmpty()) {
				requested.add(Component.MEDICAL);
			}
			inputs.add(new GafInput(pick(random, VictimStatus.values(), 70), random.nextInt(10) > 0,
					pick(random, OtherProgramme.values(), 40), pick(random, Consent.values(), 80),
					random.nextInt(5) == 0, random.nextInt(5) == 0, random.nextBoolean(), random.nextInt(6) == 0,
					requested, money(random, 8000), money(random, 9000), pick(random, RiskLevel.values(), 50),
					random.nextInt(3)));
		}
		return inputs;
	}

	static List<HasmInput> hasm() {
		Random random = new Random(43);
		List<HasmInput> inputs = new ArrayList<>(COUNT);
		for (int i = 0; i < COUNT; i++) {
			inputs.add(new HasmInput(random.nextInt(10) > 0, pick(random, StrandingCause.values(), 20),
					pick(random, MigrationStatus.values(), 25), random.nextInt(8) == 0,
					pick(random, Severity.values(), 35), random.nextInt(10) > 0,
					pick(random, ProtectionClaim.values(), 80), random.nextInt(10) == 0, random.nextInt(6) == 0,
					random.nextInt(8) == 0, random.nextInt(12) == 0, random.nextBoolean(),
					pick(random, TravelDocument.values(), 60), pick(random, FitToTravel.values(), 70),
					money(random, 2000), money(random, 4000)));
		}
		return inputs;
	}

	static List<ReintegrationInput> reintegration() {
		Random random = new Random(44);
		List<ReintegrationInput> inputs = new ArrayList<>(COUNT);
		for (int i = 0; i < COUNT; i++) {
			Set<Vulnerability> needs = EnumSet.noneOf(Vulnerability.class);
			for (Vulnerability need : Vulnerability.values()) {
				if (random.nextInt(7) == 0) {
					needs.add(need);
				}
			}
			int adults = 1 + random.nextInt(4);
			inputs.add(new ReintegrationInput(pick(random, Pathway.values(), 40), needs, adults, random.nextInt(5),
					pick(random, ReturnContext.values(), 50), pick(random, ReintegrationPlan.values(), 20),
					random.nextBoolean(), random.nextInt(101), pick(random, RiskLevel.values(), 40),
					random.nextInt(8) == 0, random.nextInt(8) == 0, 10 + random.nextInt(60)));
		}
		return inputs;
	}

	/** The first value with probability {@code firstPercent}, otherwise any value. */
	private static <T> T pick(Random random, T[] values, int firstPercent) {
		return random.nextInt(100) < firstPercent ? values[0] : values[random.nextInt(values.length)];
	}

	private static BigDecimal money(Random random, int max) {
		return BigDecimal.valueOf(random.nextInt(max * 100), 2);
	}

}
