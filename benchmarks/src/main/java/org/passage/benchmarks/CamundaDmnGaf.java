package org.passage.benchmarks;

import java.io.InputStream;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.camunda.bpm.dmn.engine.DmnDecision;
import org.camunda.bpm.dmn.engine.DmnDecisionRuleResult;
import org.camunda.bpm.dmn.engine.DmnEngine;
import org.camunda.bpm.dmn.engine.DmnEngineConfiguration;
import org.passage.rules.decision.ApprovalLevel;
import org.passage.rules.decision.Component;
import org.passage.rules.decision.Eligibility;
import org.passage.rules.decision.Priority;
import org.passage.rules.decision.Route;
import org.passage.rules.facts.GafInput;

/**
 * GAF eligibility on the Camunda 7 DMN engine, from {@code gaf-eligibility.dmn}: the same
 * three stages as Passage's tables (a FIRST table, a RULE ORDER table of additions, a
 * priority table), evaluated one after the other with FEEL.
 */
final class CamundaDmnGaf {

	private final DmnEngine engine = DmnEngineConfiguration.createDefaultDmnEngineConfiguration().buildEngine();

	private final DmnDecision decide;

	private final DmnDecision adjust;

	private final DmnDecision priority;

	CamundaDmnGaf() {
		try (InputStream dmn = CamundaDmnGaf.class.getResourceAsStream("/gaf-eligibility.dmn")) {
			List<DmnDecision> decisions = this.engine.parseDecisions(dmn);
			this.decide = find(decisions, "gaf-decide");
			this.adjust = find(decisions, "gaf-adjust");
			this.priority = find(decisions, "gaf-priority");
		}
		catch (java.io.IOException ex) {
			throw new java.io.UncheckedIOException(ex);
		}
	}

	/**
	 * The GAF input as the DMN's input variables (enums by name), for both Camunda peers.
	 */
	static Map<String, Object> variables(GafInput in) {
		Map<String, Object> variables = new HashMap<>();
		variables.put("minor", in.minor());
		variables.put("unaccompanied", in.unaccompanied());
		variables.put("guardianAppointed", in.guardianAppointed());
		variables.put("consent", in.consent().name());
		variables.put("immediateDanger", in.immediateDanger());
		variables.put("victimStatus", in.victimStatus().name());
		variables.put("crossBorder", in.crossBorder());
		variables.put("otherProgramme", in.otherProgramme().name());
		variables.put("requested", in.requested().stream().map(Enum::name).toList());
		variables.put("reTraffickingRisk", in.reTraffickingRisk().name());
		variables.put("requestedAmount", in.requestedAmount());
		variables.put("priorGafCases", in.priorGafCases());
		variables.put("fundBalance", in.fundBalance());
		return variables;
	}

	PlainJavaPolicy.Outcome decide(GafInput in) {
		Map<String, Object> variables = variables(in);
		DmnDecisionRuleResult decided = this.engine.evaluateDecisionTable(this.decide, variables).getSingleResult();
		Eligibility decision = Eligibility.valueOf(decided.getEntry("decision"));
		ApprovalLevel approval = level(decided.getEntry("approvalLevel"));
		BigDecimal amount = new BigDecimal(decided.getEntry("grantedAmount").toString());
		List<String> reasons = new ArrayList<>(List.of((String) decided.getEntry("reason")));
		variables.put("decision", decision.name());
		variables.put("grantedAmount", amount);
		for (DmnDecisionRuleResult added : this.engine.evaluateDecisionTable(this.adjust, variables)) {
			if (added.getEntry("decisionBecomes") != null) {
				decision = Eligibility.valueOf(added.getEntry("decisionBecomes"));
			}
			if (added.getEntry("approvalAtLeast") != null) {
				approval = approval.atLeast(level(added.getEntry("approvalAtLeast")));
			}
			if (added.getEntry("approvalBecomes") != null) {
				approval = level(added.getEntry("approvalBecomes"));
			}
			reasons.add(added.getEntry("reason"));
		}
		String urgency = this.engine.evaluateDecisionTable(this.priority, variables)
			.getSingleResult()
			.getEntry("priority");
		EnumSet<Component> components = EnumSet.noneOf(Component.class);
		for (Object name : (Collection<?>) decided.getEntry("components")) {
			components.add(Component.valueOf(name.toString()));
		}
		String route = decided.getEntry("route");
		return new PlainJavaPolicy.Outcome(decision, route == null ? null : Route.valueOf(route), components, amount,
				approval, Priority.valueOf(urgency), reasons, null, null, null);
	}

	private static ApprovalLevel level(Object name) {
		return name == null ? null : ApprovalLevel.valueOf(name.toString());
	}

	private static DmnDecision find(List<DmnDecision> decisions, String key) {
		return decisions.stream().filter(d -> d.getKey().equals(key)).findFirst().orElseThrow();
	}

}
