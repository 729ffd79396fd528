package org.passage.rules.decision;

import java.math.BigDecimal;
import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * A decision with its reasons, exactly as reference policy v1 names the fields. The
 * reintegration outputs ({@code tier} to {@code monitoringMonths}) are null for GAF and
 * HASM.
 */
public record Decision(Programme programme, Eligibility decision, Route route, Set<Component> components,
		BigDecimal grantedAmount, ApprovalLevel approvalLevel, Priority priority, List<Reason> reasons,
		RulesetVersion rulesetVersion, Tier tier, BigDecimal arrivalCash, BigDecimal inKindBudget, Delivery delivery,
		Integer monitoringMonths) {

	public Decision {
		components = components.isEmpty() ? Set.of() : Collections.unmodifiableSet(EnumSet.copyOf(components));
		reasons = List.copyOf(reasons);
	}

	/** The reason codes in order: the deciding row first, then the additive rows. */
	public List<String> reasonCodes() {
		return this.reasons.stream().map(Reason::code).toList();
	}

}
