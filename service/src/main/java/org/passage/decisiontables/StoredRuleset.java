package org.passage.decisiontables;

import java.time.OffsetDateTime;

import org.passage.rules.decision.Programme;

/**
 * A ruleset version as stored.
 *
 * @param id its id
 * @param programme the programme it decides
 * @param label its human label
 * @param contentHash SHA-256 of its files, as recorded on each decision
 * @param at when it became live, for the live version; when it was stored, otherwise
 */
public record StoredRuleset(long id, Programme programme, String label, String contentHash,
		OffsetDateTime at) {
}
