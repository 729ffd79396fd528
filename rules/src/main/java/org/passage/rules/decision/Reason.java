package org.passage.rules.decision;

/**
 * Why a decision came out as it did: one table row that applied.
 *
 * @param code the stable reason code from the table, e.g. {@code CONSENT_WITHDRAWN}
 * @param table the decision table the row belongs to
 * @param row the row's id in that table, e.g. {@code G3}
 * @param message the policy's wording, in the caller's language
 */
public record Reason(String code, String table, String row, String message) {
}
