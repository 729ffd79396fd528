package org.passage.decisions;

import java.util.Locale;

/**
 * Who asks for a decision and for what: the case it belongs to (null outside a case), the
 * caller recorded with it, and the language of its reasons.
 */
public record DecisionContext(String caseId, String caller, Locale locale) {
}
