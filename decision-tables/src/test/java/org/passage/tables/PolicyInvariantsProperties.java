package org.passage.tables;

import java.math.BigDecimal;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.EdgeCasesMode;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.BeforeContainer;
import org.passage.rules.decision.Component;
import org.passage.rules.decision.Decision;
import org.passage.rules.decision.Eligibility;
import org.passage.rules.decision.Programme;
import org.passage.rules.decision.ReintegrationDecision;
import org.passage.rules.decision.Route;
import org.passage.rules.engine.Ruleset;
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

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The invariants of reference policy v1, section 2.4, which any revision of the tables
 * must keep, checked over the whole input domain of each programme.
 */
class PolicyInvariantsProperties {

	private static final int TRIES = 10_000;

	private static Ruleset gaf;

	private static Ruleset hasm;

	private static Ruleset reintegration;

	@BeforeContainer
	static void compileTheShippedTables() {
		gaf = PolicyTables.compile(Programme.GAF);
		hasm = PolicyTables.compile(Programme.HASM);
		reintegration = PolicyTables.compile(Programme.REINTEGRATION);
	}

	@Property(tries = TRIES, edgeCases = EdgeCasesMode.NONE)
	void gafExactlyOneRowDecidesTheSameWayEveryTime(@ForAll("gafInputs") GafInput input) {
		Decision decision = gaf.decide(input, Locale.ENGLISH);
		assertOneDecidingRow(decision, "GAF eligibility");
		assertThat(gaf.decide(input, Locale.ENGLISH)).isEqualTo(decision);
	}

	@Property(tries = TRIES, edgeCases = EdgeCasesMode.NONE)
	void gafRoutesAnUnaccompaniedMinorWithoutGuardianOnlyToChildProtection(@ForAll("gafInputs") GafInput input) {
		Decision decision = gaf.decide(input, Locale.ENGLISH);
		boolean childWithoutGuardian = input.minor() && input.unaccompanied() && !input.guardianAppointed();
		assertThat(decision.route() == Route.CHILD_PROTECTION).isEqualTo(childWithoutGuardian);
	}

	@Property(tries = TRIES, edgeCases = EdgeCasesMode.NONE)
	void gafNeverGrantsMoreThanTheFundHoldsAsEligible(@ForAll("gafInputs") GafInput input) {
		assertWithinFund(gaf.decide(input, Locale.ENGLISH), input.fundBalance());
	}

	@Property(tries = TRIES, edgeCases = EdgeCasesMode.NONE)
	void hasmExactlyOneRowDecidesTheSameWayEveryTime(@ForAll("hasmInputs") HasmInput input) {
		Decision decision = hasm.decide(input, Locale.ENGLISH);
		assertOneDecidingRow(decision, "HASM eligibility");
		assertThat(hasm.decide(input, Locale.ENGLISH)).isEqualTo(decision);
	}

	@Property(tries = TRIES, edgeCases = EdgeCasesMode.NONE)
	void hasmIgnoresMigrationStatusAndCause(@ForAll("hasmInputs") HasmInput input, @ForAll MigrationStatus otherStatus,
			@ForAll StrandingCause otherCause) {
		HasmInput other = new HasmInput(input.stranded(), otherCause, otherStatus, input.ownMeans(), input.severity(),
				input.wishesToReturn(), input.protectionClaim(), input.suspectedVictimOfTrafficking(),
				input.avrrProjectAvailable(), input.crisisOperationActive(), input.unaccompaniedMinor(),
				input.vulnerable(), input.travelDocument(), input.fitToTravel(), input.estimatedCost(),
				input.fundBalance());
		assertThat(hasm.decide(other, Locale.ENGLISH)).isEqualTo(hasm.decide(input, Locale.ENGLISH));
	}

	@Property(tries = TRIES, edgeCases = EdgeCasesMode.NONE)
	void hasmRoutesEveryUnaccompaniedMinorOnlyToChildProtection(@ForAll("hasmInputs") HasmInput input) {
		Decision decision = hasm.decide(input, Locale.ENGLISH);
		if (input.unaccompaniedMinor()) {
			assertThat(decision.route()).isEqualTo(Route.CHILD_PROTECTION);
		}
		else {
			assertThat(decision.route()).isNotEqualTo(Route.CHILD_PROTECTION);
		}
	}

	@Property(tries = TRIES, edgeCases = EdgeCasesMode.NONE)
	void hasmNeverGrantsMoreThanTheFundHoldsAsEligible(@ForAll("hasmInputs") HasmInput input) {
		assertWithinFund(hasm.decide(input, Locale.ENGLISH), input.fundBalance());
	}

	@Property(tries = TRIES, edgeCases = EdgeCasesMode.NONE)
	void reintegrationExactlyOneRowDecidesTheSameWayEveryTime(@ForAll("reintegrationInputs") ReintegrationInput input) {
		ReintegrationDecision decision = (ReintegrationDecision) reintegration.decide(input, Locale.ENGLISH);
		assertOneDecidingRow(decision, "Reintegration tier");
		assertThat(reintegration.decide(input, Locale.ENGLISH)).isEqualTo(decision);
		assertThat(decision.grantedAmount()).isEqualByComparingTo(decision.arrivalCash().add(decision.inKindBudget()));
		assertThat(decision.inKindBudget()).isLessThanOrEqualTo(new BigDecimal("5000"));
	}

	private static void assertOneDecidingRow(Decision decision, String decidingTable) {
		assertThat(decision.reasons()).isNotEmpty();
		assertThat(decision.reasons().get(0).table()).isEqualTo(decidingTable);
		assertThat(decision.reasons()).filteredOn(reason -> reason.table().equals(decidingTable)).hasSize(1);
		assertThat(decision.decision()).isNotNull();
		assertThat(decision.priority()).isNotNull();
	}

	private static void assertWithinFund(Decision decision, BigDecimal fundBalance) {
		if (decision.decision() == Eligibility.ELIGIBLE || decision.decision() == Eligibility.ELIGIBLE_INTERIM) {
			assertThat(decision.grantedAmount()).isLessThanOrEqualTo(fundBalance);
		}
		if (Set.of(Eligibility.REFER, Eligibility.PENDING_INFO, Eligibility.NOT_ELIGIBLE)
			.contains(decision.decision())) {
			assertThat(decision.grantedAmount()).isZero();
		}
	}

	/**
	 * Money with two decimals, with the band edges and their neighbours much more likely
	 * than chance.
	 */
	private static Arbitrary<BigDecimal> money() {
		Arbitrary<BigDecimal> any = Arbitraries.bigDecimals()
			.between(BigDecimal.ZERO, new BigDecimal("12000"))
			.ofScale(2);
		Arbitrary<BigDecimal> edges = Arbitraries
			.of("0", "0.01", "999.99", "1000.00", "1000.01", "2999.99", "3000.00", "3000.01", "5999.99", "6000.00",
					"6000.01")
			.map(BigDecimal::new);
		return Arbitraries.frequencyOf(net.jqwik.api.Tuple.of(3, any), net.jqwik.api.Tuple.of(1, edges));
	}

	@Provide
	Arbitrary<GafInput> gafInputs() {
		Arbitrary<Set<Component>> requested = Arbitraries.of(Component.GAF_SERVICES)
			.set()
			.ofMinSize(1)
			.map(set -> (Set<Component>) EnumSet.copyOf(set));
		return fields(Arbitraries.of(VictimStatus.class), bool(), Arbitraries.of(OtherProgramme.class),
				Arbitraries.of(Consent.class), bool(), bool(), bool(), bool(), requested, money(), money(),
				Arbitraries.of(RiskLevel.class), Arbitraries.integers().between(0, 3))
			.as(f -> new GafInput((VictimStatus) f.get(0), (boolean) f.get(1), (OtherProgramme) f.get(2),
					(Consent) f.get(3), (boolean) f.get(4), (boolean) f.get(5), (boolean) f.get(6), (boolean) f.get(7),
					set(f.get(8)), (BigDecimal) f.get(9), (BigDecimal) f.get(10), (RiskLevel) f.get(11),
					(int) f.get(12)));
	}

	@Provide
	Arbitrary<HasmInput> hasmInputs() {
		return fields(bool(), Arbitraries.of(StrandingCause.class), Arbitraries.of(MigrationStatus.class), bool(),
				Arbitraries.of(Severity.class), bool(), Arbitraries.of(ProtectionClaim.class), bool(), bool(), bool(),
				bool(), bool(), Arbitraries.of(TravelDocument.class), Arbitraries.of(FitToTravel.class), money(),
				money())
			.as(f -> new HasmInput((boolean) f.get(0), (StrandingCause) f.get(1), (MigrationStatus) f.get(2),
					(boolean) f.get(3), (Severity) f.get(4), (boolean) f.get(5), (ProtectionClaim) f.get(6),
					(boolean) f.get(7), (boolean) f.get(8), (boolean) f.get(9), (boolean) f.get(10),
					(boolean) f.get(11), (TravelDocument) f.get(12), (FitToTravel) f.get(13), (BigDecimal) f.get(14),
					(BigDecimal) f.get(15)));
	}

	@Provide
	Arbitrary<ReintegrationInput> reintegrationInputs() {
		Arbitrary<Set<Vulnerability>> vulnerabilities = Arbitraries.of(Vulnerability.class).set().ofMaxSize(4);
		return fields(Arbitraries.of(Pathway.class), vulnerabilities, Arbitraries.integers().between(1, 10),
				Arbitraries.integers().between(0, 10), Arbitraries.of(ReturnContext.class),
				Arbitraries.of(ReintegrationPlan.class), bool(), Arbitraries.integers().between(0, 100),
				Arbitraries.of(RiskLevel.class), bool(), bool(), Arbitraries.integers().between(0, 120))
			.as(f -> {
				int adults = (int) f.get(2);
				return new ReintegrationInput((Pathway) f.get(0), set(f.get(1)), adults,
						Math.min((int) f.get(3), ReintegrationInput.MAX_HOUSEHOLD - adults), (ReturnContext) f.get(4),
						(ReintegrationPlan) f.get(5), (boolean) f.get(6), (int) f.get(7), (RiskLevel) f.get(8),
						(boolean) f.get(9), (boolean) f.get(10), (int) f.get(11));
			});
	}

	private static Arbitrary<Boolean> bool() {
		return Arbitraries.of(true, false);
	}

	/**
	 * One arbitrary per record field, in order: cheaper to generate than nested
	 * combinations.
	 */
	private static Combinators.ListCombinator<Object> fields(Arbitrary<?>... fields) {
		return Combinators
			.combine(java.util.Arrays.stream(fields).map(field -> field.map(value -> (Object) value)).toList());
	}

	@SuppressWarnings("unchecked")
	private static <T> Set<T> set(Object value) {
		return (Set<T>) value;
	}

}
