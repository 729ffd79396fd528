package org.passage.eligibility.process;

import java.time.Duration;
import java.time.Period;
import java.util.ArrayList;
import java.util.List;

/**
 * When a returnee is visited: at 3, 6 and 12 months after delivery, as far as the
 * package's {@code monitoringMonths} reaches, and at its end (domain.md section 3): 6
 * months are visits at 3 and 6, 9 months at 3, 6 and 9, 24 months at 3, 6, 12 and 24.
 * Timers wait the gaps between visits, counted in a configurable month ({@code P1M}; a
 * second in a demonstration).
 */
final class MonitoringSchedule {

	private static final int[] MILESTONES = { 3, 6, 12 };

	private MonitoringSchedule() {
	}

	/** The months after delivery at which visits fall, in order. */
	static List<Integer> visitMonths(int monitoringMonths) {
		List<Integer> months = new ArrayList<>();
		for (int milestone : MILESTONES) {
			if (milestone < monitoringMonths) {
				months.add(milestone);
			}
		}
		if (monitoringMonths > 0) {
			months.add(monitoringMonths);
		}
		return months;
	}

	/**
	 * The wait before visit {@code index} (0-based), as an ISO 8601 duration for a
	 * Camunda timer.
	 */
	static String waitBefore(int monitoringMonths, int index, String month) {
		List<Integer> months = visitMonths(monitoringMonths);
		int gap = months.get(index) - (index == 0 ? 0 : months.get(index - 1));
		if (month.startsWith("PT")) {
			return Duration.parse(month).multipliedBy(gap).toString();
		}
		return Period.parse(month).multipliedBy(gap).toString();
	}

}
