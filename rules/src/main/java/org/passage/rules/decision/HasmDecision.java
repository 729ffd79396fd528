package org.passage.rules.decision;

import java.math.BigDecimal;
import java.util.List;
import java.util.Set;

/** A HASM eligibility decision (reference policy v1, section 2.2). */
public record HasmDecision(Eligibility decision, Route route, Set<Component> components, BigDecimal grantedAmount,
		ApprovalLevel approvalLevel, Priority priority, List<Reason> reasons,
		RulesetVersion rulesetVersion) implements Decision {

	public HasmDecision {
		components = Components.copyOf(components);
		reasons = List.copyOf(reasons);
	}

	@Override
	public Programme programme() {
		return Programme.HASM;
	}

}
