package org.passage.rules.facts;

import java.math.BigDecimal;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.passage.rules.decision.Component;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Inputs outside their stated domain are rejected with the field named, never decided.
 */
class InputDomainTest {

	@Test
	void rejectsAHouseholdWithNoAdult() {
		assertThatThrownBy(() -> reintegration(0, 2)).isInstanceOfSatisfying(InvalidInputException.class,
				ex -> assertThat(ex.errors()).singleElement().satisfies(error -> {
					assertThat(error.field()).isEqualTo("adults");
					assertThat(error.allowed()).containsExactly("whole number from 1 to 10");
				}));
	}

	@Test
	void rejectsAHouseholdOfMoreThanFifteen() {
		assertThat(reintegration(10, 5).dependants()).isEqualTo(14);
		assertThatThrownBy(() -> reintegration(10, 6)).isInstanceOfSatisfying(InvalidInputException.class,
				ex -> assertThat(ex.errors()).extracting(FieldError::field).containsExactly("children"));
	}

	@Test
	void rejectsANegativeAmountAndOneWithThreeDecimals() {
		assertThatThrownBy(() -> gaf(Set.of(Component.MEDICAL), "-1", "0")).isInstanceOfSatisfying(
				InvalidInputException.class,
				ex -> assertThat(ex.errors()).extracting(FieldError::field).containsExactly("requestedAmount"));
		assertThatThrownBy(() -> gaf(Set.of(Component.MEDICAL), "10", "0.001")).isInstanceOfSatisfying(
				InvalidInputException.class,
				ex -> assertThat(ex.getMessage()).contains("fundBalance: has more than 2 decimal places"));
	}

	@Test
	void rejectsAnAmountAboveTenMillionNamingTheFieldWithoutRepeatingEveryDigit() {
		for (String amount : List.of("10000000.01", "1e308", "12345678901234567890123456789012345678901")) {
			assertThatThrownBy(() -> gaf(Set.of(Component.MEDICAL), amount, "0")).isInstanceOfSatisfying(
					InvalidInputException.class, ex -> assertThat(ex.errors()).singleElement().satisfies(error -> {
						assertThat(error.field()).isEqualTo("requestedAmount");
						assertThat(error.message()).hasSizeLessThan(60);
						assertThat(error.allowed())
							.containsExactly("amount with at most 2 decimals from 0 to 10000000.00");
					}));
		}
		assertThatThrownBy(() -> new HasmInput(true, StrandingCause.DESTITUTION, MigrationStatus.IRREGULAR, false,
				Severity.DESPERATE, true, ProtectionClaim.NONE, false, false, false, false, false, TravelDocument.VALID,
				FitToTravel.FIT, new BigDecimal("1E+10000"), new BigDecimal("10000000.01")))
			.isInstanceOfSatisfying(InvalidInputException.class,
					ex -> assertThat(ex.errors()).extracting(FieldError::field)
						.containsExactly("estimatedCost", "fundBalance"));
	}

	@Test
	void rejectsAnEmptyRequestAndAServiceGafDoesNotProvide() {
		assertThatThrownBy(() -> gaf(Set.of(), "10", "0")).isInstanceOfSatisfying(InvalidInputException.class,
				ex -> assertThat(ex.errors()).singleElement().satisfies(error -> {
					assertThat(error.field()).isEqualTo("requested");
					assertThat(error.allowed()).contains("SAFE_ACCOMMODATION", "THIRD_COUNTRY_RESETTLEMENT");
				}));
		assertThatThrownBy(() -> gaf(Set.of(Component.ARRIVAL_CASH), "10", "0")).isInstanceOfSatisfying(
				InvalidInputException.class,
				ex -> assertThat(ex.getMessage()).contains("requested: contains a service GAF does not provide"));
	}

	@Test
	void namesEveryMissingFieldAtOnceWithItsAllowedValues() {
		assertThatThrownBy(() -> new HasmInput(true, null, null, false, Severity.DESPERATE, true, ProtectionClaim.NONE,
				false, false, false, false, false, TravelDocument.VALID, FitToTravel.FIT, BigDecimal.ONE,
				BigDecimal.TEN))
			.isInstanceOfSatisfying(InvalidInputException.class, ex -> {
				assertThat(ex.errors()).extracting(FieldError::field).containsExactly("cause", "migrationStatus");
				assertThat(ex.errors().get(1).allowed()).containsExactly("REGULAR", "IRREGULAR", "UNDOCUMENTED",
						"UNKNOWN");
			});
	}

	@Test
	void aMissingOrNullHoldingSetOfServicesIsRefusedWithTheServicesThereAre() {
		assertThatThrownBy(() -> gaf(null, "10", "0")).isInstanceOfSatisfying(InvalidInputException.class,
				ex -> assertThat(ex.errors()).singleElement().satisfies(error -> {
					assertThat(error.field()).isEqualTo("requested");
					assertThat(error.message()).isEqualTo("is required");
					assertThat(error.allowed()).contains("MEDICAL", "ARRIVAL_CASH");
				}));
		Set<Component> withNull = new java.util.HashSet<>();
		withNull.add(Component.MEDICAL);
		withNull.add(null);
		assertThatThrownBy(() -> gaf(withNull, "10", "0")).isInstanceOfSatisfying(InvalidInputException.class,
				ex -> assertThat(ex.errors()).singleElement().satisfies(error -> {
					assertThat(error.field()).isEqualTo("requested");
					assertThat(error.message()).isEqualTo("must not contain null");
				}));
	}

	/** A request as read from JSON: any field may be missing, even a primitive one. */
	record PartialGafRequest(VictimStatus victimStatus, Boolean crossBorder, BigDecimal requestedAmount,
			Integer priorGafCases) {
	}

	@Test
	void checksARequestsFieldsByTheInputsNamesAndSaysWhatEachMissingOneAllows() {
		Domain domain = Domain.ofFields(GafInput.class,
				new PartialGafRequest(VictimStatus.IDENTIFIED, null, new BigDecimal("0.001"), 3));
		assertThatThrownBy(domain::orThrow).isInstanceOfSatisfying(InvalidInputException.class, ex -> {
			assertThat(ex.errors()).extracting(FieldError::field)
				.containsExactly("crossBorder", "otherProgramme", "consent", "minor", "unaccompanied",
						"guardianAppointed", "immediateDanger", "requested", "requestedAmount", "fundBalance",
						"reTraffickingRisk");
			assertThat(ex.errors().get(0).allowed()).containsExactly("true", "false");
			assertThat(ex.errors().get(1).allowed()).contains("NONE");
			assertThat(ex.errors().get(7).allowed()).contains("MEDICAL");
			assertThat(ex.errors().get(8).message()).isEqualTo("has more than 2 decimal places");
			assertThat(ex.errors().get(9).message()).isEqualTo("is required");
			assertThat(ex.errors().get(9).allowed())
				.containsExactly("amount with at most 2 decimals from 0 to " + Bounds.MONEY_MAX);
		});
		assertThat(domain.valid("victimStatus")).isTrue();
		assertThat(domain.valid("priorGafCases")).isTrue();
		assertThat(domain.valid("crossBorder")).isFalse();
	}

	@Test
	void acceptsTheEdgesOfEachDomain() {
		assertThat(gaf(Set.of(Component.MEDICAL), "0.01", "999.99").requestedAmount()).isEqualByComparingTo("0.01");
		assertThat(reintegration(1, 0).dependants()).isZero();
		assertThat(gaf(Set.of(Component.MEDICAL), "0", "0.00").requestedAmount()).isZero();
		assertThat(gaf(Set.of(Component.MEDICAL), "10000000.00", "10000000.00").requestedAmount())
			.isEqualByComparingTo("10000000");
		assertThat(new ReintegrationInput(Pathway.AVRR, Set.of(), 1, 0, ReturnContext.STABLE, ReintegrationPlan.NONE,
				false, 100, RiskLevel.LOW, false, false, 120)
			.age()).isEqualTo(120);
	}

	private static ReintegrationInput reintegration(int adults, int children) {
		return new ReintegrationInput(Pathway.AVRR, EnumSet.noneOf(Vulnerability.class), adults, children,
				ReturnContext.STABLE, ReintegrationPlan.HOUSING, false, 0, RiskLevel.LOW, false, false, 30);
	}

	private static GafInput gaf(Set<Component> requested, String amount, String balance) {
		return new GafInput(VictimStatus.IDENTIFIED, true, OtherProgramme.NONE, Consent.GIVEN, false, false, false,
				false, requested, new BigDecimal(amount), new BigDecimal(balance), RiskLevel.LOW, 0);
	}

}
