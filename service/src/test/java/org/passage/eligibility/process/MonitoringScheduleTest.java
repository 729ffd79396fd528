package org.passage.eligibility.process;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Monitoring at 3, 6 and 12 months, or the package's monitoringMonths (domain.md section
 * 3).
 */
class MonitoringScheduleTest {

	@Test
	void twelveMonthsAreVisitsAtThreeSixAndTwelve() {
		assertThat(MonitoringSchedule.visitMonths(12)).containsExactly(3, 6, 12);
	}

	@Test
	void shorterPackagesStopAtTheirEnd() {
		assertThat(MonitoringSchedule.visitMonths(0)).isEmpty();
		assertThat(MonitoringSchedule.visitMonths(3)).containsExactly(3);
		assertThat(MonitoringSchedule.visitMonths(6)).containsExactly(3, 6);
		assertThat(MonitoringSchedule.visitMonths(9)).containsExactly(3, 6, 9);
	}

	@Test
	void twentyFourMonthsAddAFinalVisit() {
		assertThat(MonitoringSchedule.visitMonths(24)).containsExactly(3, 6, 12, 24);
	}

	@Test
	void timersWaitTheGapsBetweenVisitsInTheConfiguredMonth() {
		assertThat(MonitoringSchedule.waitBefore(12, 0, "P1M")).isEqualTo("P3M");
		assertThat(MonitoringSchedule.waitBefore(12, 1, "P1M")).isEqualTo("P3M");
		assertThat(MonitoringSchedule.waitBefore(12, 2, "P1M")).isEqualTo("P6M");
		assertThat(MonitoringSchedule.waitBefore(12, 2, "PT10S")).isEqualTo("PT1M");
	}

}
