package org.passage.impact;

import java.time.Duration;
import java.time.Instant;

import org.springframework.lang.Nullable;

/**
 * An impact simulation of a draft: what it replays, how far it got, and, once done, what
 * it found (kept with the draft for its approver).
 *
 * @param id its id
 * @param rulesetId the draft (or version in review) it replays the decisions through
 * @param requestedBy who started it
 * @param from the start of the period of decisions replayed
 * @param to the end of the period (excluded)
 * @param office the office whose cases' decisions are replayed; null for all
 * @param status where it is
 * @param total how many decisions the period holds
 * @param processed how many were replayed so far
 * @param cancelledBy who asked to cancel it, if anyone did
 * @param startedAt when it started
 * @param heartbeatAt when it last reported progress
 * @param finishedAt when it ended
 * @param error why it failed
 * @param result what it found, once done
 */
public record Simulation(long id, long rulesetId, String requestedBy, Instant from, Instant to, @Nullable String office,
		Status status, long total, long processed, @Nullable String cancelledBy, Instant startedAt, Instant heartbeatAt,
		@Nullable Instant finishedAt, @Nullable String error, @Nullable Impact result) {

	/**
	 * A run that has not reported progress for this long is taken as interrupted (its
	 * node stopped).
	 */
	public static final Duration SILENCE = Duration.ofMinutes(2);

	/** Where a simulation is. */
	public enum Status {

		RUNNING, DONE, CANCELLED, FAILED,
		/** It was running on a node that stopped: start it again. */
		INTERRUPTED

	}

	/** How far it got, 0 to 100. */
	public int percent() {
		if (this.status == Status.DONE || this.total == 0) {
			return this.status == Status.DONE ? 100 : 0;
		}
		return (int) Math.min(100, this.processed * 100 / this.total);
	}

	public boolean running() {
		return this.status == Status.RUNNING;
	}

	/** This simulation as seen at {@code now}: a silent run is interrupted. */
	Simulation seenAt(Instant now) {
		if (this.status == Status.RUNNING && this.heartbeatAt.plus(SILENCE).isBefore(now)) {
			return new Simulation(this.id, this.rulesetId, this.requestedBy, this.from, this.to, this.office,
					Status.INTERRUPTED, this.total, this.processed, this.cancelledBy, this.startedAt, this.heartbeatAt,
					this.finishedAt, this.error, this.result);
		}
		return this;
	}

}
