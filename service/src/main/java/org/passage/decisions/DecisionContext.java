package org.passage.decisions;

import java.util.Locale;

/**
 * Who asks for a decision, for which case, in which language.
 *
 * @param caseId the Passage case the decision belongs to; null when it belongs to none
 * @param caller who asks: a user or system account, or {@code process} for a case's
 * workflow
 * @param locale the language of the reasons' messages
 */
public record DecisionContext(String caseId, String caller, Locale locale) {
}
