package org.passage.rules.decision;

import java.math.BigDecimal;
import java.util.List;
import java.util.Set;

/** A GAF eligibility decision (reference policy v1, section 2.1). */
public record GafDecision(Eligibility decision, Route route, Set<Component> components, BigDecimal grantedAmount,
		ApprovalLevel approvalLevel, Priority priority, List<Reason> reasons,
		RulesetVersion rulesetVersion) implements Decision {

	public GafDecision {
		components = Components.copyOf(components);
		reasons = List.copyOf(reasons);
	}

	@Override
	public Programme programme() {
		return Programme.GAF;
	}

}
