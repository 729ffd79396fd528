package org.passage.cases;

import java.util.UUID;

import org.passage.rules.decision.Programme;

/**
 * A decision the case's own process made, and the fund that pays for it (none for a
 * package with nothing to pay).
 */
public record CaseDecision(UUID decisionId, Programme programme, String fundId, String step) {
}
