package org.passage.rules.decision;

import java.math.BigDecimal;
import java.util.List;
import java.util.Set;

/**
 * A reintegration package (reference policy v1, section 2.3): besides what every decision
 * has, the tier, the two amounts the grant is made of, how it is delivered and how long
 * the returnee is followed.
 *
 * @param tier the package tier; null when PENDING_INFO
 * @param arrivalCash cash on arrival, per household member
 * @param inKindBudget the in-kind budget, capped
 * @param delivery how the package is delivered; null when PENDING_INFO
 * @param monitoringMonths how many months the returnee is followed
 */
public record ReintegrationDecision(Eligibility decision, Route route, Set<Component> components,
		BigDecimal grantedAmount, ApprovalLevel approvalLevel, Priority priority, List<Reason> reasons,
		RulesetVersion rulesetVersion, Tier tier, BigDecimal arrivalCash, BigDecimal inKindBudget, Delivery delivery,
		int monitoringMonths) implements Decision {

	public ReintegrationDecision {
		components = Components.copyOf(components);
		reasons = List.copyOf(reasons);
	}

	@Override
	public Programme programme() {
		return Programme.REINTEGRATION;
	}

}
