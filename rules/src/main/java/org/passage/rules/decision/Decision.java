package org.passage.rules.decision;

import java.math.BigDecimal;
import java.util.List;
import java.util.Set;

/**
 * A decision with its reasons, exactly as reference policy v1 names the fields. One
 * record per programme: only a {@link ReintegrationDecision} has the reintegration
 * outputs (tier, amounts, delivery, monitoring).
 */
public sealed interface Decision permits GafDecision, HasmDecision, ReintegrationDecision {

	/** The programme whose tables decided. */
	Programme programme();

	Eligibility decision();

	/** Where the decision sends the case; null when it names no route. */
	Route route();

	/** The components granted, in the enum's order; empty when none is. */
	Set<Component> components();

	BigDecimal grantedAmount();

	/** Who must approve; null when nobody need. */
	ApprovalLevel approvalLevel();

	Priority priority();

	/** Why, in order: the deciding row first, then the additive rows. */
	List<Reason> reasons();

	RulesetVersion rulesetVersion();

	/** The reason codes in order: the deciding row first, then the additive rows. */
	default List<String> reasonCodes() {
		return reasons().stream().map(Reason::code).toList();
	}

}
