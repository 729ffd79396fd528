package org.passage.rules.table;

import java.math.BigDecimal;
import java.util.EnumSet;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.passage.rules.decision.Component;
import org.passage.rules.facts.Consent;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Each condition a table may use is read as Drools reads it, at the threshold and one
 * step either side: the analyser's gap search is only as right as these readings.
 */
class ConditionTest {

	private static final BigDecimal BELOW = new BigDecimal("999.99");

	private static final BigDecimal AT = new BigDecimal("1000.00");

	private static final BigDecimal ABOVE = new BigDecimal("1000.01");

	@Test
	void readsLessThanAsStrictlyBelow() {
		Condition below = Condition.parse("requestedAmount < $param");
		assertThat(below.test(BELOW, "1000", null)).isTrue();
		assertThat(below.test(AT, "1000", null)).isFalse();
		assertThat(below.test(ABOVE, "1000", null)).isFalse();
	}

	@Test
	void readsAtMostAsBelowOrEqual() {
		Condition atMost = Condition.parse("requestedAmount <= $param");
		assertThat(atMost.test(BELOW, "1000", null)).isTrue();
		assertThat(atMost.test(AT, "1000", null)).isTrue();
		assertThat(atMost.test(ABOVE, "1000", null)).isFalse();
	}

	@Test
	void readsGreaterThanAsStrictlyAbove() {
		Condition above = Condition.parse("requestedAmount > $param");
		assertThat(above.test(BELOW, "1000", null)).isFalse();
		assertThat(above.test(AT, "1000", null)).isFalse();
		assertThat(above.test(ABOVE, "1000", null)).isTrue();
	}

	@Test
	void readsAtLeastAsAboveOrEqual() {
		Condition atLeast = Condition.parse("requestedAmount >= $param");
		assertThat(atLeast.test(BELOW, "1000", null)).isFalse();
		assertThat(atLeast.test(AT, "1000", null)).isTrue();
		assertThat(atLeast.test(ABOVE, "1000", null)).isTrue();
	}

	@Test
	void comparesAmountsByValueWhateverTheirScale() {
		Condition equal = Condition.parse("requestedAmount == $param");
		assertThat(equal.test(new BigDecimal("1000.00"), "1000", null)).isTrue();
		assertThat(equal.test(new BigDecimal("1000.01"), "1000", null)).isFalse();
		Condition different = Condition.parse("requestedAmount != $param");
		assertThat(different.test(new BigDecimal("1000.00"), "1000", null)).isFalse();
		assertThat(different.test(new BigDecimal("1000.01"), "1000", null)).isTrue();
	}

	@Test
	void comparesWholeNumbersAsNumbers() {
		Condition atMost = Condition.parse("priorGafCases <= $param");
		assertThat(atMost.test(2, "2", null)).isTrue();
		assertThat(atMost.test(3, "2", null)).isFalse();
		assertThat(Condition.parse("priorGafCases == $param").test(3L, "3", null)).isTrue();
	}

	@Test
	void readsNotEqualOnAnEnum() {
		Condition notRefused = Condition.parse("consent != Consent.$param");
		assertThat(notRefused.enumType()).isEqualTo("Consent");
		assertThat(notRefused.test(Consent.GIVEN, "REFUSED", Consent.class)).isTrue();
		assertThat(notRefused.test(Consent.REFUSED, "REFUSED", Consent.class)).isFalse();
		Condition given = Condition.parse("consent == Consent.$param");
		assertThat(given.test(Consent.GIVEN, "GIVEN", Consent.class)).isTrue();
		assertThat(given.test(Consent.PENDING, "GIVEN", Consent.class)).isFalse();
	}

	@Test
	void readsAYesOrNoCell() {
		Condition minor = Condition.parse("minor == $param");
		assertThat(minor.test(true, "true", null)).isTrue();
		assertThat(minor.test(false, "true", null)).isFalse();
		assertThat(Condition.parse("minor != $param").test(false, "true", null)).isTrue();
	}

	@Test
	void readsEmptyAsWhetherTheSetHasNoMember() {
		Condition empty = Condition.parse("vulnerabilities.empty == $param");
		assertThat(empty.emptinessTest()).isTrue();
		assertThat(empty.recordField()).isEqualTo("vulnerabilities");
		assertThat(empty.test(Set.of(), "true", null)).isTrue();
		assertThat(empty.test(Set.of("DISABILITY"), "true", null)).isFalse();
		assertThat(empty.test(Set.of(), "false", null)).isFalse();
		assertThat(empty.test(Set.of("DISABILITY"), "false", null)).isTrue();
		Condition plain = Condition.parse("requested contains Component.$param");
		assertThat(plain.emptinessTest()).isFalse();
		assertThat(plain.recordField()).isEqualTo("requested");
	}

	@Test
	void readsContainsAndNotContainsOnASet() {
		Set<Component> medical = EnumSet.of(Component.MEDICAL);
		assertThat(Condition.parse("requested contains Component.$param").test(medical, "MEDICAL", Component.class))
			.isTrue();
		assertThat(Condition.parse("requested contains Component.$param").test(medical, "LEGAL", Component.class))
			.isFalse();
		assertThat(Condition.parse("requested not contains Component.$param").test(medical, "MEDICAL", Component.class))
			.isFalse();
		assertThat(Condition.parse("requested not contains Component.$param").test(medical, "LEGAL", Component.class))
			.isTrue();
	}

	@Test
	void readsForallAndAsEveryValueInTheCell() {
		Condition all = Condition.parse("forall(&&){requested contains Component.$}");
		assertThat(all.joiner()).isEqualTo("&&");
		assertThat(all.values(" MEDICAL , LEGAL,, ")).containsExactly("MEDICAL", "LEGAL");
		assertThat(all.test(EnumSet.of(Component.MEDICAL, Component.LEGAL), "MEDICAL, LEGAL", Component.class))
			.isTrue();
		assertThat(all.test(EnumSet.of(Component.MEDICAL), "MEDICAL, LEGAL", Component.class)).isFalse();
		assertThat(all.test(EnumSet.of(Component.LEGAL), "MEDICAL, LEGAL", Component.class)).isFalse();
	}

	@Test
	void readsForallOrAsAnyValueInTheCell() {
		Condition any = Condition.parse("forall(||){requested contains Component.$}");
		assertThat(any.joiner()).isEqualTo("||");
		assertThat(any.test(EnumSet.of(Component.LEGAL), "MEDICAL, LEGAL", Component.class)).isTrue();
		assertThat(any.test(EnumSet.of(Component.MEDICAL), "MEDICAL, LEGAL", Component.class)).isTrue();
		assertThat(any.test(EnumSet.of(Component.SAFE_ACCOMMODATION), "MEDICAL, LEGAL", Component.class)).isFalse();
	}

	@Test
	void takesASingleCellValueWhole() {
		assertThat(Condition.parse("consent == Consent.$param").values(" GIVEN ")).containsExactly("GIVEN");
	}

	@Test
	void parsesEveryOperatorAndRefusesWhatItCannotCheck() {
		for (String operator : new String[] { "==", "!=", "<", "<=", ">", ">=" }) {
			assertThat(Condition.parse("  requestedAmount " + operator + " $param ").operator()).isEqualTo(operator);
		}
		assertThat(Condition.parse("forall(||){requested not contains Component.$}"))
			.isEqualTo(new Condition("requested", "not contains", "Component", "||"));
		assertThat(Condition.parse("requestedAmount * 2 > $param")).isNull();
		assertThat(Condition.parse("forall(^^){requested contains Component.$}")).isNull();
	}

}
