package org.passage.decisiontables.internal;

import org.passage.decisiontables.VersionStatus;
import org.passage.rules.decision.Programme;

/**
 * A ruleset version as stored.
 *
 * @param id its id
 * @param programme the programme it decides
 * @param label its human label
 * @param contentHash SHA-256 of its files, as recorded on each decision
 * @param status where it is in its life
 */
public record StoredRuleset(long id, Programme programme, String label, String contentHash, VersionStatus status) {

	/**
	 * Whether its tables passed validation: every version past DRAFT did, to be submitted
	 * (the shipped tables are validated when the service first starts).
	 */
	public boolean validated() {
		return this.status != VersionStatus.DRAFT;
	}

}
