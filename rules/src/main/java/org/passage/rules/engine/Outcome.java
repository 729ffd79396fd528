package org.passage.rules.engine;

import java.math.BigDecimal;

import org.passage.rules.decision.ApprovalLevel;
import org.passage.rules.decision.Eligibility;
import org.passage.rules.decision.Route;
import org.passage.rules.decision.Tier;

/**
 * What the stages before this one decided, as an immutable fact. Rows of a later stage
 * (the additive rows of reference policy v1) match on it, so every such row sees the
 * state at the start of its stage, whatever the rows above it in the same stage did.
 *
 * @param decision the decision so far, null before the first stage
 * @param route the route so far
 * @param tier the reintegration tier so far
 * @param grantedAmount the amount granted so far
 * @param approvalLevel the approval level so far
 * @param fundsInsufficient whether the amount granted so far exceeds the fund balance of
 * the input
 */
public record Outcome(Eligibility decision, Route route, Tier tier, BigDecimal grantedAmount,
		ApprovalLevel approvalLevel, boolean fundsInsufficient) {
}
