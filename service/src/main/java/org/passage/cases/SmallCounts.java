package org.passage.cases;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * The rule every count of cases or decisions follows before anyone outside a case file
 * sees it (dashboards, metrics, exports): a count below
 * {@code passage.statistics.minimum-count} (k = 11 by default, as CTDC publishes victims'
 * data) is never shown as itself, since a small count can point at a person. Zero is
 * hidden too: "none" and "fewer than 11" are then told apart by nobody.
 */
@Component
public class SmallCounts {

	private final int minimum;

	SmallCounts(@Value("${passage.statistics.minimum-count:11}") int minimum) {
		if (minimum < 1) {
			throw new IllegalArgumentException("passage.statistics.minimum-count must be at least 1: " + minimum);
		}
		this.minimum = minimum;
	}

	/** The smallest count shown as itself. */
	public int minimum() {
		return this.minimum;
	}

	public boolean hidden(long count) {
		return count < this.minimum;
	}

	/** The count as a metric shows it: itself, or NaN (no value) when hidden. */
	public double asMetric(long count) {
		return hidden(count) ? Double.NaN : count;
	}

}
