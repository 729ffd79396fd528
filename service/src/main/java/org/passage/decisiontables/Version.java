package org.passage.decisiontables;

import java.time.Instant;

import org.passage.rules.decision.Programme;
import org.springframework.lang.Nullable;

/**
 * A stored ruleset version as the registry holds it.
 *
 * @param id its id, which decisions record
 * @param programme the programme it decides
 * @param label its human label
 * @param contentHash SHA-256 of its files
 * @param origin SHIPPED or UPLOADED
 * @param status where it is in its lifecycle
 * @param author who stored it
 * @param createdAt when
 * @param changeNote what changed and why, in the author's words
 * @param effectiveFrom when it takes (or took) effect, once approved
 * @param approvedBy the second person who approved it
 * @param approvedAt when
 */
public record Version(long id, Programme programme, String label, String contentHash, String origin,
		VersionStatus status, String author, Instant createdAt, String changeNote, @Nullable Instant effectiveFrom,
		@Nullable String approvedBy, @Nullable Instant approvedAt) {

	/** One lifecycle action on a version: who did what, when, and why. */
	public record Event(String action, String actor, Instant at, @Nullable String comment) {
	}

}
