package org.passage.rules.table;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.passage.rules.table.Finding.Kind;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The analyser on tables nobody has shipped yet: each finding it can make, the ends of
 * each field's declared domain, inputs outside the domain, and set-valued conditions.
 * Rows sit on sheet rows 10, 11, ... and a table's header is A5 (see {@link OneTable}).
 */
class TableAnalyserTest {

	private static final String GAF = "$i: GafInput()";

	private static final String REINTEGRATION = "$i: ReintegrationInput()";

	// Numbers: the search tries each threshold, one step either side, and the domain's
	// ends.

	@Test
	void findsTheGapAtExactlyTheThresholdBetweenBelowAndAbove() {
		assertThat(OneTable.on(GAF).when("requestedAmount < $param").row("T1", "1000", "ELIGIBLE").findings())
			.singleElement()
			.satisfies(gap -> {
				assertThat(gap.kind()).isEqualTo(Kind.GAP);
				assertThat(gap.cell()).isEqualTo("A5");
				assertThat(gap.message()).contains("'Check'", "requestedAmount=1000.00");
			});
		assertThat(OneTable.on(GAF).when("requestedAmount > $param").row("T1", "1000", "ELIGIBLE").findings())
			.singleElement()
			.satisfies(gap -> assertThat(gap.message()).contains("requestedAmount=0.00"));
	}

	@Test
	void readsBelowAndAtOrAboveAsCoveringEveryAmount() {
		assertThat(OneTable.on(GAF)
			.when("requestedAmount < $param", "requestedAmount >= $param")
			.row("T1", "1000", "", "ELIGIBLE")
			.row("T2", "", "1000", "NOT_ELIGIBLE")
			.findings()).isEmpty();
		assertThat(OneTable.on(GAF)
			.when("requestedAmount <= $param", "requestedAmount > $param")
			.row("T1", "1000", "", "ELIGIBLE")
			.row("T2", "", "1000", "NOT_ELIGIBLE")
			.findings()).isEmpty();
	}

	@Test
	void findsTheGapOneCentAboveAnAtMostThreshold() {
		assertThat(OneTable.on(GAF).when("requestedAmount <= $param").row("T1", "1000", "ELIGIBLE").findings())
			.singleElement()
			.satisfies(gap -> assertThat(gap.message()).contains("requestedAmount=1000.01"));
	}

	@Test
	void findsTheGapOneCentBelowAnAtLeastThreshold() {
		// Below 999.99 or from 1000: only 999.99 itself is left.
		assertThat(OneTable.on(GAF)
			.when("requestedAmount >= $param", "requestedAmount < $param")
			.row("T1", "1000", "", "ELIGIBLE")
			.row("T2", "", "999.99", "NOT_ELIGIBLE")
			.findings()).singleElement().satisfies(gap -> assertThat(gap.message()).contains("requestedAmount=999.99"));
	}

	@Test
	void searchesANumberUpToTheEndOfItsDeclaredDomainAndNoFurther() {
		// ReintegrationInput: adults from 1 to 10.
		assertThat(OneTable.on(REINTEGRATION).when("adults <= $param").row("T1", "10", "ELIGIBLE").findings())
			.isEmpty();
		assertThat(OneTable.on(REINTEGRATION).when("adults <= $param").row("T1", "9", "ELIGIBLE").findings())
			.singleElement()
			.satisfies(gap -> assertThat(gap.message()).contains("adults=10"));
	}

	@Test
	void searchesANumberFromTheStartOfItsDeclaredDomainAndNoLower() {
		// adults starts at 1, so a table from 1 up misses nothing, and one from 2 misses
		// 1.
		assertThat(OneTable.on(REINTEGRATION).when("adults >= $param").row("T1", "1", "ELIGIBLE").findings()).isEmpty();
		assertThat(OneTable.on(REINTEGRATION).when("adults >= $param").row("T1", "2", "ELIGIBLE").findings())
			.singleElement()
			.satisfies(gap -> assertThat(gap.message()).contains("adults=1").doesNotContain("adults=0"));
	}

	@Test
	void searchesACountWithNoUpperBoundWellPastItsHighestThreshold() {
		// priorGafCases has no maximum: 4 is past the row, and so is every larger count.
		assertThat(OneTable.on(GAF).when("priorGafCases <= $param").row("T1", "3", "ELIGIBLE").findings())
			.singleElement()
			.satisfies(gap -> assertThat(gap.message()).contains("priorGafCases=4"));
		assertThat(OneTable.on(GAF)
			.when("priorGafCases <= $param", "priorGafCases > $param")
			.row("T1", "3", "", "ELIGIBLE")
			.row("T2", "", "3", "NOT_ELIGIBLE")
			.findings()).isEmpty();
	}

	@Test
	void searchesAnAmountWithNoThresholdAtTheEndsOfItsDomain() {
		// A row that only excludes the top of the domain: 10,000,000.00 is the one amount
		// left.
		assertThat(OneTable.on(GAF).when("requestedAmount != $param").row("T1", "10000000", "ELIGIBLE").findings())
			.singleElement()
			.satisfies(gap -> assertThat(gap.message()).contains("requestedAmount=10000000.00"));
	}

	// Inputs outside the declared domain (adults + children > 15) need no row.

	@Test
	void doesNotReportAGapMadeOnlyOfInvalidInputs() {
		// Undecided: more than 5 adults with 10 children, i.e. at least 16 people, which
		// no valid input has.
		assertThat(OneTable.on(REINTEGRATION)
			.when("adults <= $param", "children <= $param")
			.row("T1", "5", "", "ELIGIBLE")
			.row("T2", "", "9", "ELIGIBLE")
			.findings()).isEmpty();
		// With 4 adults allowed beside 10 children (14 people) the gap is real.
		assertThat(OneTable.on(REINTEGRATION)
			.when("adults <= $param", "children <= $param")
			.row("T1", "4", "", "ELIGIBLE")
			.row("T2", "", "9", "ELIGIBLE")
			.findings()).singleElement().satisfies(gap -> {
				assertThat(gap.kind()).isEqualTo(Kind.GAP);
				assertThat(gap.message()).contains("adults=5", "children=10");
			});
	}

	@Test
	void reportsARowThatOnlyInvalidInputsWouldReachAsShadowed() {
		assertThat(OneTable.on(REINTEGRATION)
			.when("adults <= $param", "children <= $param")
			.row("T1", "5", "", "ELIGIBLE")
			.row("T2", "", "9", "ELIGIBLE")
			.row("T3", "", "", "NOT_ELIGIBLE")
			.findings()).singleElement().satisfies(shadowed -> {
				assertThat(shadowed.kind()).isEqualTo(Kind.SHADOWED_ROW);
				assertThat(shadowed.row()).isEqualTo("T3");
				assertThat(shadowed.cell()).isEqualTo("A12");
			});
	}

	@Test
	void reportsEveryShadowedRowAndNoneThatDecides() {
		assertThat(OneTable.on(GAF)
			.when("requestedAmount <= $param")
			.row("T1", "", "ELIGIBLE")
			.row("T2", "1000", "ELIGIBLE")
			.row("T3", "", "NOT_ELIGIBLE")
			.findings()).extracting(Finding::kind, Finding::row)
			.containsExactly(org.assertj.core.groups.Tuple.tuple(Kind.SHADOWED_ROW, "T2"),
					org.assertj.core.groups.Tuple.tuple(Kind.SHADOWED_ROW, "T3"));
	}

	// Set-valued conditions: every subset of the services the cells name, with and
	// without one they do not name.

	@Test
	void findsTheGapOfASetThatLacksTheOneServiceARowRequires() {
		assertThat(OneTable.on(GAF)
			.when("requested contains Component.$param")
			.row("T1", "MEDICAL", "ELIGIBLE")
			.findings()).singleElement().satisfies(gap -> {
				assertThat(gap.kind()).isEqualTo(Kind.GAP);
				// The empty set is not a valid request: the first valid one lacking
				// MEDICAL adds another service.
				assertThat(gap.message()).contains("requested=[SAFE_ACCOMMODATION]");
			});
	}

	@Test
	void coversEverySetWithContainsAndNotContains() {
		assertThat(OneTable.on(GAF)
			.when("requested contains Component.$param", "requested not contains Component.$param")
			.row("T1", "MEDICAL", "", "ELIGIBLE")
			.row("T2", "", "MEDICAL", "NOT_ELIGIBLE")
			.findings()).isEmpty();
	}

	@Test
	void readsForallAndAsRequiringEveryNamedService() {
		// T1 needs both, T2 takes sets without MEDICAL: a set with MEDICAL but not LEGAL
		// falls through.
		assertThat(OneTable.on(GAF)
			.when("forall(&&){requested contains Component.$}", "requested not contains Component.$param")
			.row("T1", "MEDICAL, LEGAL", "", "ELIGIBLE")
			.row("T2", "", "MEDICAL", "NOT_ELIGIBLE")
			.findings()).singleElement().satisfies(gap -> assertThat(gap.message()).contains("requested=[MEDICAL"));
	}

	@Test
	void readsForallOrAsRequiringAnyNamedService() {
		// Any of MEDICAL or LEGAL, or neither: every set is decided, and a row asking for
		// both behind the first is shadowed.
		assertThat(OneTable.on(GAF)
			.when("forall(||){requested contains Component.$}", "forall(&&){requested not contains Component.$}")
			.row("T1", "MEDICAL, LEGAL", "", "ELIGIBLE")
			.row("T2", "", "MEDICAL, LEGAL", "NOT_ELIGIBLE")
			.findings()).isEmpty();
		assertThat(OneTable.on(GAF)
			.when("forall(||){requested contains Component.$}", "forall(&&){requested contains Component.$}")
			.row("T1", "MEDICAL, LEGAL", "", "ELIGIBLE")
			.row("T2", "", "MEDICAL, LEGAL", "ELIGIBLE")
			.row("T3", "", "", "NOT_ELIGIBLE")
			.findings()).singleElement().satisfies(shadowed -> assertThat(shadowed.row()).isEqualTo("T2"));
	}

	@Test
	void triesASetWithAServiceNoCellNames() {
		// "Neither MEDICAL nor LEGAL" is reached only by a request for some third service
		// (an empty request is invalid): the row decides, so it is not shadowed.
		assertThat(OneTable.on(GAF)
			.when("forall(&&){requested not contains Component.$}", "requested contains Component.$param",
					"requested contains Component.$param")
			.row("T1", "MEDICAL, LEGAL", "", "", "NOT_ELIGIBLE")
			.row("T2", "", "MEDICAL", "", "ELIGIBLE")
			.row("T3", "", "", "LEGAL", "ELIGIBLE")
			.findings()).isEmpty();
	}

	@Test
	void readsAnEmptinessTestOnASet() {
		// vulnerabilities may be empty for a reintegration case.
		assertThat(OneTable.on(REINTEGRATION)
			.when("vulnerabilities.empty == $param")
			.row("T1", "true", "ELIGIBLE")
			.row("T2", "false", "NOT_ELIGIBLE")
			.findings()).isEmpty();
		assertThat(OneTable.on(REINTEGRATION)
			.when("vulnerabilities.empty == $param")
			.row("T1", "true", "ELIGIBLE")
			.findings()).singleElement()
			.satisfies(gap -> assertThat(gap.message()).contains("vulnerabilities=[VICTIM_OF_TRAFFICKING]"));
		assertThat(OneTable.on(REINTEGRATION)
			.when("vulnerabilities.empty == $param")
			.row("T1", "yes", "ELIGIBLE")
			.findings()).singleElement()
			.satisfies(finding -> assertThat(finding.message()).contains("'yes' must be true or false"));
	}

	// Each finding, where policy staff will look for it.

	@Test
	void reportsABadCellOnceAndDoesNotSearchItsTable() {
		// The table also has a gap (no row for PENDING): the unknown value is the one
		// finding.
		assertThat(OneTable.on(GAF)
			.when("consent == Consent.$param")
			.row("T1", "GIVEN", "ELIGIBLE")
			.row("T2", "AGREED", "NOT_ELIGIBLE")
			.findings()).singleElement().satisfies(finding -> {
				assertThat(finding.kind()).isEqualTo(Kind.UNKNOWN_VALUE);
				assertThat(finding.location()).isEqualTo("table.csv!D11");
				assertThat(finding.row()).isEqualTo("T2");
			});
	}

	@Test
	void reportsAPatternItCannotRead() {
		assertThat(
				OneTable.on("GafInput()").when("consent == Consent.$param").row("T1", "GIVEN", "ELIGIBLE").findings())
			.singleElement()
			.satisfies(finding -> {
				assertThat(finding.kind()).isEqualTo(Kind.STRUCTURE);
				assertThat(finding.cell()).isEqualTo("D7");
				assertThat(finding.message()).contains("Pattern 'GafInput()'");
			});
		assertThat(
				OneTable.on("$i: Nobody()").when("consent == Consent.$param").row("T1", "GIVEN", "ELIGIBLE").findings())
			.singleElement()
			.satisfies(finding -> assertThat(finding.message()).contains("a fact type the sheet imports"));
	}

	@Test
	void reportsAConditionItCannotCheck() {
		assertThat(OneTable.on(GAF).when("requestedAmount * 2 > $param").row("T1", "10", "ELIGIBLE").findings())
			.singleElement()
			.satisfies(finding -> {
				assertThat(finding.kind()).isEqualTo(Kind.STRUCTURE);
				assertThat(finding.cell()).isEqualTo("D8");
				assertThat(finding.message()).contains("'requestedAmount * 2 > $param' is not one Passage can check");
			});
	}

	@Test
	void reportsAConditionOnAnEnumTheSheetDoesNotImport() {
		assertThat(OneTable.on(GAF).when("consent == Agreement.$param").row("T1", "GIVEN", "ELIGIBLE").findings())
			.singleElement()
			.satisfies(finding -> {
				assertThat(finding.kind()).isEqualTo(Kind.UNKNOWN_FIELD);
				assertThat(finding.cell()).isEqualTo("D8");
				assertThat(finding.message()).contains("'Agreement' is not an enum type");
			});
	}

	@Test
	void reportsATextWhereANumberOrAYesOrNoIsExpected() {
		assertThat(OneTable.on(GAF).when("requestedAmount <= $param").row("T1", "lots", "ELIGIBLE").findings())
			.singleElement()
			.satisfies(finding -> {
				assertThat(finding.kind()).isEqualTo(Kind.UNKNOWN_VALUE);
				assertThat(finding.cell()).isEqualTo("D10");
				assertThat(finding.message()).isEqualTo("'lots' is not a number.");
			});
		assertThat(OneTable.on(GAF).when("minor == $param").row("T1", "maybe", "ELIGIBLE").findings()).singleElement()
			.satisfies(finding -> assertThat(finding.message()).isEqualTo("'maybe' must be true or false."));
		assertThat(OneTable.on(GAF)
			.when("minor == $param")
			.row("T1", "true", "ELIGIBLE")
			.row("T2", "false", "NOT_ELIGIBLE")
			.findings()).isEmpty();
	}

	@Test
	void reportsAnActionOnAnEnumTheSheetDoesNotImport() {
		assertThat(OneTable.on(GAF)
			.when("consent == Consent.$param")
			.then("out.decide(Verdict.$param);")
			.row("T1", "GIVEN", "ELIGIBLE")
			.findings()).singleElement().satisfies(finding -> {
				assertThat(finding.kind()).isEqualTo(Kind.UNKNOWN_FIELD);
				assertThat(finding.cell()).isEqualTo("E8");
				assertThat(finding.message()).contains("'Verdict' is not an enum type");
			});
	}

	@Test
	void reportsAnActionValueOutsideItsDomain() {
		assertThat(OneTable.on(GAF)
			.when("consent != Consent.$param")
			.then("out.grant(Component.$param);")
			.everyMatchingRow()
			.row("T1", "REFUSED", "MEDICAL, CASH")
			.findings()).singleElement().satisfies(finding -> {
				assertThat(finding.kind()).isEqualTo(Kind.UNKNOWN_VALUE);
				assertThat(finding.location()).isEqualTo("table.csv!D10");
				assertThat(finding.message()).startsWith("'CASH' is not one of");
			});
		assertThat(OneTable.on(GAF)
			.when("consent != Consent.$param")
			.then("out.payRequestedUpTo($param);")
			.everyMatchingRow()
			.row("T1", "REFUSED", "1500.50")
			.row("T2", "GIVEN", "a lot")
			.findings()).singleElement().satisfies(finding -> {
				assertThat(finding.row()).isEqualTo("T2");
				assertThat(finding.message()).isEqualTo("'a lot' is not a number.");
			});
	}

	@Test
	void doesNotSearchATableWhereEveryMatchingRowApplies() {
		assertThat(OneTable.on(GAF)
			.when("consent == Consent.$param")
			.everyMatchingRow()
			.row("T1", "GIVEN", "ELIGIBLE")
			.findings()).isEmpty();
	}

	@Test
	void saysSoWhenNoValidFactCanBeBuilt() {
		assertThat(OneTable.on("$u: Unbuildable()").when("level == $param").row("T1", "1", "ELIGIBLE").findings())
			.singleElement()
			.satisfies(finding -> {
				assertThat(finding.kind()).isEqualTo(Kind.STRUCTURE);
				assertThat(finding.cell()).isEqualTo("A5");
				assertThat(finding.message()).contains("Cannot build a valid Unbuildable", "'Check'");
			});
	}

	@Test
	void requiresAnIdForEveryRow() {
		assertThat(OneTable.on(GAF)
			.when("consent == Consent.$param")
			.unnamed()
			.row("T1", "GIVEN", "ELIGIBLE")
			.row("T2", "", "NOT_ELIGIBLE")
			.findings()).singleElement().satisfies(finding -> {
				assertThat(finding.kind()).isEqualTo(Kind.STRUCTURE);
				assertThat(finding.cell()).isEqualTo("A6");
				assertThat(finding.message()).contains("no NAME column");
			});
	}

	@Test
	void requiresOneStagePerTable() {
		List<Finding> findings = OneTable.on(GAF)
			.when("consent == Consent.$param")
			.row("T1", "GIVEN", "ELIGIBLE")
			.rowInStage("adjust", "T2", "", "NOT_ELIGIBLE")
			.findings();
		assertThat(findings).singleElement().satisfies(finding -> {
			assertThat(finding.kind()).isEqualTo(Kind.STRUCTURE);
			assertThat(finding.location()).isEqualTo("table.csv!C11");
			assertThat(finding.row()).isEqualTo("T2");
			assertThat(finding.message()).contains("one stage ('decide'), not 'adjust'");
		});
		assertThat(OneTable.on(GAF).when("consent == Consent.$param").rowInStage("", "T1", "", "ELIGIBLE").findings())
			.singleElement()
			.satisfies(finding -> assertThat(finding.message()).contains("needs a RULEFLOW-GROUP column"));
	}

}
