package org.passage.benchmarks;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

/**
 * The benchmarks compare like with like: on every benchmark input, the shipped tables,
 * the hand-written floor and (for GAF) Camunda DMN give the same decision, reasons
 * included. Two independent encodings of reference policy v1 agreeing on 3,072 inputs
 * also checks the tables.
 */
class EnginesAgreeTest {

	@Test
	void allEnginesDecideEveryBenchmarkInputAlike() {
		assertThatCode(() -> new DecisionBenchmark.Engines().compileAndCheckTheyAgree()).doesNotThrowAnyException();
	}

	@Test
	void gafAsRuleUnitsDecidesEveryBenchmarkInputAsTheTablesDo() {
		DecisionBenchmark.Engines engines = new DecisionBenchmark.Engines();
		engines.compileAndCheckTheyAgree();
		DecisionBenchmark.Units units = new DecisionBenchmark.Units();
		assertThatCode(() -> units.buildAndCheckTheyAgree(engines)).doesNotThrowAnyException();
		// Raced beside sessions without Drools' thread-safe mode, the units run without
		// it too.
		assertThat(units.gaf.threadSafe()).isFalse();
	}

}
