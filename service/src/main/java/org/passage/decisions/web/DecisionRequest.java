package org.passage.decisions.web;

import java.time.OffsetDateTime;

/**
 * What every decision request carries besides the programme's facts.
 */
public sealed interface DecisionRequest permits GafRequest, HasmRequest, ReintegrationRequest {

	/** The Passage case the decision belongs to, if any. */
	String caseId();

	/**
	 * Decide under the ruleset that was live at this instant; the live one when absent.
	 */
	OffsetDateTime asOf();

}
