package org.passage.decisiontables;

import java.util.Map;
import java.util.Set;

/**
 * Where a ruleset version is in its life: uploaded, in review, approved to take effect at
 * an instant, live, replaced, or refused. A replaced version is live again only through a
 * rollback, which a second person approves. Plain Java, so the rules of the lifecycle
 * read in one place.
 */
public enum VersionStatus {

	DRAFT, IN_REVIEW, APPROVED, ACTIVE, RETIRED, REJECTED;

	private static final Map<VersionStatus, Set<VersionStatus>> NEXT = Map.of(DRAFT, Set.of(IN_REVIEW), IN_REVIEW,
			Set.of(APPROVED, REJECTED), APPROVED, Set.of(ACTIVE), ACTIVE, Set.of(RETIRED), RETIRED, Set.of(ACTIVE),
			REJECTED, Set.of());

	/** Whether a version in this status may move to {@code next}. */
	public boolean canBecome(VersionStatus next) {
		return NEXT.get(this).contains(next);
	}

}
