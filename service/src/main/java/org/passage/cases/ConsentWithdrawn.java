package org.passage.cases;

/**
 * The person withdrew consent: every process of the case stops assisting (published after
 * the record).
 */
public record ConsentWithdrawn(String caseReference) {
}
