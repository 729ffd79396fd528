package org.passage.benchmarks;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;

import org.kie.api.KieServices;
import org.kie.dmn.api.core.DMNContext;
import org.kie.dmn.api.core.DMNModel;
import org.kie.dmn.api.core.DMNResult;
import org.kie.dmn.api.core.DMNRuntime;
import org.kie.dmn.core.internal.utils.DMNRuntimeBuilder;
import org.passage.rules.decision.ApprovalLevel;
import org.passage.rules.decision.Component;
import org.passage.rules.decision.Eligibility;
import org.passage.rules.decision.Priority;
import org.passage.rules.decision.Route;
import org.passage.rules.facts.GafInput;

/**
 * GAF eligibility on Drools' own DMN engine ({@code kie-dmn-core}, the Drools version
 * Passage runs), from the same {@code gaf-eligibility.dmn} as {@link CamundaDmnGaf}: the
 * three tables evaluated one after the other, their FEEL compiled once when the model is
 * built.
 */
final class DroolsDmnGaf {

	private final DMNRuntime runtime;

	private final DMNModel model;

	DroolsDmnGaf() {
		this.runtime = DMNRuntimeBuilder.fromDefaults()
			.buildConfiguration()
			.fromResources(List.of(KieServices.get().getResources().newClassPathResource("gaf-eligibility.dmn")))
			.getOrElseThrow(ex -> new IllegalStateException("Drools cannot build the GAF DMN", ex));
		this.model = this.runtime.getModels().get(0);
		if (this.model.hasErrors()) {
			throw new IllegalStateException("The GAF DMN has errors for Drools: " + this.model.getMessages());
		}
	}

	PlainJavaPolicy.Outcome decide(GafInput in) {
		DMNContext context = this.runtime.newContext();
		context.set("minor", in.minor());
		context.set("unaccompanied", in.unaccompanied());
		context.set("guardianAppointed", in.guardianAppointed());
		context.set("consent", in.consent().name());
		context.set("immediateDanger", in.immediateDanger());
		context.set("victimStatus", in.victimStatus().name());
		context.set("crossBorder", in.crossBorder());
		context.set("otherProgramme", in.otherProgramme().name());
		context.set("requested", in.requested().stream().map(Enum::name).toList());
		context.set("reTraffickingRisk", in.reTraffickingRisk().name());
		context.set("requestedAmount", in.requestedAmount());
		context.set("priorGafCases", BigDecimal.valueOf(in.priorGafCases()));
		context.set("fundBalance", in.fundBalance());
		Map<?, ?> decided = (Map<?, ?>) evaluate("gaf-decide", context);
		Eligibility decision = Eligibility.valueOf((String) decided.get("decision"));
		ApprovalLevel approval = level(decided.get("approvalLevel"));
		BigDecimal amount = (BigDecimal) decided.get("grantedAmount");
		List<String> reasons = new ArrayList<>(List.of((String) decided.get("reason")));
		context.set("decision", decision.name());
		context.set("grantedAmount", amount);
		Object adjustments = evaluate("gaf-adjust", context);
		List<?> added = adjustments == null ? List.of()
				: adjustments instanceof List<?> list ? list : List.of(adjustments);
		for (Object each : added) {
			Map<?, ?> adjustment = (Map<?, ?>) each;
			if (adjustment.get("decisionBecomes") != null) {
				decision = Eligibility.valueOf((String) adjustment.get("decisionBecomes"));
			}
			if (adjustment.get("approvalAtLeast") != null) {
				approval = approval.atLeast(level(adjustment.get("approvalAtLeast")));
			}
			if (adjustment.get("approvalBecomes") != null) {
				approval = level(adjustment.get("approvalBecomes"));
			}
			reasons.add((String) adjustment.get("reason"));
		}
		String urgency = (String) evaluate("gaf-priority", context);
		EnumSet<Component> components = EnumSet.noneOf(Component.class);
		for (Object name : (Collection<?>) decided.get("components")) {
			components.add(Component.valueOf(name.toString()));
		}
		String route = (String) decided.get("route");
		return new PlainJavaPolicy.Outcome(decision, route == null ? null : Route.valueOf(route), components, amount,
				approval, Priority.valueOf(urgency), reasons, null, null, null);
	}

	private Object evaluate(String decision, DMNContext context) {
		DMNResult result = this.runtime.evaluateByName(this.model, context, decision);
		if (result.hasErrors()) {
			throw new IllegalStateException("Drools DMN failed on " + decision + ": " + result.getMessages());
		}
		return result.getDecisionResultByName(decision).getResult();
	}

	private static ApprovalLevel level(Object name) {
		return name == null ? null : ApprovalLevel.valueOf(name.toString());
	}

}
