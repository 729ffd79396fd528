package org.passage.cases;

import java.time.OffsetDateTime;
import java.util.List;

import org.passage.rules.decision.Priority;

/**
 * The steps cases wait at, as an inbox lists them: URGENT cases first, then stranded
 * migrants past the HASM decision deadline, then the longest waiting. No personal data.
 */
public final class WaitingSteps {

	private WaitingSteps() {
	}

	/** Whose steps: those assigned to me, or the unclaimed ones my groups may take. */
	public enum Whose {

		MINE, UNCLAIMED

	}

	/**
	 * What an inbox narrows its steps to; each part is optional (null: any).
	 *
	 * @param reference part of a case reference, letter case ignored
	 */
	public record Filter(CaseType type, String step, Priority priority, String reference) {

		public static final Filter NONE = new Filter(null, null, null, null);

	}

	/**
	 * A step waiting for a person.
	 *
	 * @param overdue a stranded migrant's case still without its HASM decision past the
	 * deadline ({@code passage.cases.hasm-decision-due}, 72 hours by default)
	 */
	public record Step(String taskId, String step, String name, String caseReference, CaseType caseType, String office,
			Priority priority, boolean overdue, String assignee, OffsetDateTime created) {
	}

	/** One page of steps, and how many there are in all. */
	public record Page(List<Step> steps, long total, int page, int size) {

		public Page {
			steps = List.copyOf(steps);
		}

		public int pages() {
			return (int) Math.max(1, (this.total + this.size - 1) / this.size);
		}

		public boolean hasPrevious() {
			return this.page > 0;
		}

		public boolean hasNext() {
			return this.page + 1 < pages();
		}

	}

}
