package org.passage.decisiontables.internal;

import org.passage.rules.decision.Programme;

/**
 * A ruleset version as stored.
 *
 * @param id its id
 * @param programme the programme it decides
 * @param label its human label
 * @param contentHash SHA-256 of its files, as recorded on each decision
 */
public record StoredRuleset(long id, Programme programme, String label, String contentHash) {
}
