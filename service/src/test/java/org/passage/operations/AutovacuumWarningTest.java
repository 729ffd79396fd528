package org.passage.operations;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class AutovacuumWarningTest {

	@Test
	void aServerWithoutAutovacuumIsToldAboutAtStart() {
		assertThat(AutovacuumWarning.warning("off")).hasValueSatisfying(
				warning -> assertThat(warning).contains("autovacuum off", "ANALYZE", "docs/operations.md"));
	}

	@Test
	void aServerWithAutovacuumIsNot() {
		assertThat(AutovacuumWarning.warning("on")).isEmpty();
	}

}
