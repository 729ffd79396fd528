package org.passage.decisions;

import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonInclude;
import org.passage.rules.decision.ApprovalLevel;
import org.passage.rules.decision.Component;
import org.passage.rules.decision.Delivery;
import org.passage.rules.decision.Eligibility;
import org.passage.rules.decision.Priority;
import org.passage.rules.decision.Route;
import org.passage.rules.decision.Tier;

/**
 * A decision as the API returns it. {@code decisionId} is null for an unrecorded
 * evaluation; the reintegration outputs are left out for GAF and HASM.
 */
public record DecisionView(UUID decisionId, String programme, String caseId, Eligibility decision, Route route,
		Set<Component> components, BigDecimal grantedAmount, ApprovalLevel approvalLevel, Priority priority,
		List<ReasonView> reasons, RulesetVersionView rulesetVersion, OffsetDateTime evaluatedAt,
		@JsonInclude(JsonInclude.Include.NON_NULL) Tier tier,
		@JsonInclude(JsonInclude.Include.NON_NULL) BigDecimal arrivalCash,
		@JsonInclude(JsonInclude.Include.NON_NULL) BigDecimal inKindBudget,
		@JsonInclude(JsonInclude.Include.NON_NULL) Delivery delivery,
		@JsonInclude(JsonInclude.Include.NON_NULL) Integer monitoringMonths) {

	public DecisionView {
		// Always in the enum's order, so that the same decision always reads the same.
		components = components == null || components.isEmpty() ? Set.of()
				: Collections.unmodifiableSet(EnumSet.copyOf(components));
	}

	/**
	 * Why: the table row, its stable code, and the policy's wording in the caller's
	 * language.
	 */
	public record ReasonView(String code, String table, String row, String message) {
	}

	/** Which tables decided: a label for people, a content hash for replay. */
	public record RulesetVersionView(String label, String hash) {
	}

	/**
	 * The same decision without what differs between two evaluations of it: id, time,
	 * messages.
	 */
	DecisionView outcome() {
		return new DecisionView(null, this.programme, this.caseId, this.decision, this.route, this.components,
				this.grantedAmount.stripTrailingZeros(), this.approvalLevel, this.priority,
				this.reasons.stream().map(r -> new ReasonView(r.code(), r.table(), r.row(), null)).toList(),
				this.rulesetVersion, null, this.tier, strip(this.arrivalCash), strip(this.inKindBudget), this.delivery,
				this.monitoringMonths);
	}

	private static BigDecimal strip(BigDecimal amount) {
		return amount == null ? null : amount.stripTrailingZeros();
	}

}
