package org.passage.decisiontables;

import java.time.Instant;

import org.passage.rules.decision.Programme;
import org.springframework.lang.Nullable;

/**
 * A request to put the previous version of a programme's tables back in effect: asked for
 * by one person with a reason, approved or refused by a second.
 *
 * @param id its id
 * @param programme the programme whose tables roll back
 * @param fromId the version in effect when it was asked for
 * @param toId the version in effect before it, which the rollback re-activates
 * @param reason why, in the words of the person who asked
 * @param requestedBy who asked
 * @param requestedAt when
 * @param outcome APPROVED or REFUSED; null while it waits
 * @param decidedBy the second person, who approved or refused it
 * @param decidedAt when
 * @param comment the second person's comment
 */
public record Rollback(long id, Programme programme, long fromId, long toId, String reason, String requestedBy,
		Instant requestedAt, @Nullable String outcome, @Nullable String decidedBy, @Nullable Instant decidedAt,
		@Nullable String comment) {

	/** Whether it still waits for a second person. */
	public boolean waiting() {
		return this.outcome == null;
	}

}
