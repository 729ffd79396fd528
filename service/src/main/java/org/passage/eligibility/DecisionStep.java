package org.passage.eligibility;

import java.math.BigDecimal;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.passage.cases.CaseFile;
import org.passage.cases.Cases;
import org.passage.cases.ProcessEffects;
import org.passage.decisions.DecisionService;
import org.passage.decisions.DecisionView;
import org.passage.funds.Funds;
import org.passage.rules.decision.ApprovalLevel;
import org.passage.rules.decision.Programme;
import org.passage.security.Roles;

/**
 * Takes a programme's decision for the case the process carries: the inputs come from the
 * facts the case's forms recorded, plus what only Passage knows (the fund's balance,
 * consent, earlier cases); the decision is recorded like any API decision, linked to the
 * case, once per job. The process gets ids and routing values only: decision, decisionId,
 * approverGroup, route, fundId.
 */
abstract class DecisionStep implements JavaDelegate {

	private final Programme programme;

	final Cases cases;

	final Funds funds;

	private final DecisionService decisions;

	private final ProcessEffects effects;

	final ObjectMapper json;

	DecisionStep(Programme programme, Cases cases, Funds funds, DecisionService decisions, ProcessEffects effects,
			ObjectMapper json) {
		this.programme = programme;
		this.cases = cases;
		this.funds = funds;
		this.decisions = decisions;
		this.effects = effects;
		this.json = json;
	}

	@Override
	public void execute(DelegateExecution execution) {
		String reference = (String) execution.getVariable("caseId");
		CaseFile file = this.cases.find(reference).orElseThrow(() -> new IllegalStateException("No case " + reference));
		String fundId = this.funds.currentFund(this.programme, file.office());
		ObjectNode outcome = this.effects.once(execution, reference, () -> {
			ObjectNode input = this.json.createObjectNode();
			for (String name : DecisionService.inputNames(this.programme)) {
				if (file.facts().has(name)) {
					input.set(name, file.facts().get(name));
				}
			}
			addKnownInputs(input, file, fundId);
			input.put("caseId", reference);
			DecisionView view = this.decisions.record(this.programme, input, "process", Locale.ENGLISH);
			this.cases.event(reference, "process", "DECIDED", execution.getCurrentActivityId(),
					Map.of("programme", this.programme.name(), "decisionId", view.decisionId().toString(), "decision",
							view.decision().name()));
			return summary(view);
		});
		Map<String, Object> variables = new HashMap<>();
		variables.put("decision", outcome.get("decision").asText());
		variables.put("decisionId", outcome.get("decisionId").asText());
		variables.put("approverGroup", outcome.path("approverGroup").textValue());
		variables.put("route", outcome.path("route").textValue());
		variables.put("grantedAmount", outcome.get("grantedAmount").asText());
		variables.put("fundId", fundId);
		addVariables(variables, outcome);
		execution.setVariables(variables);
	}

	/** Inputs the forms do not hold: the fund's balance, consent, earlier cases. */
	abstract void addKnownInputs(ObjectNode input, CaseFile file, String fundId);

	/** Programme-specific variables (the reintegration's monitoring schedule). */
	void addVariables(Map<String, Object> variables, JsonNode outcome) {
	}

	ObjectNode summary(DecisionView view) {
		ObjectNode summary = this.json.createObjectNode()
			.put("decisionId", view.decisionId().toString())
			.put("decision", view.decision().name())
			.put("approverGroup", approverGroup(view.approvalLevel()))
			.put("route", view.route() == null ? null : view.route().name())
			.put("grantedAmount", view.grantedAmount().toPlainString());
		if (view.monitoringMonths() != null) {
			summary.put("monitoringMonths", view.monitoringMonths());
		}
		return summary;
	}

	/**
	 * The Camunda group that approves at a level: the BPMN candidate group of the
	 * approval task.
	 */
	static String approverGroup(ApprovalLevel level) {
		if (level == null) {
			return null;
		}
		return switch (level) {
			case SUPERVISOR -> Roles.SUPERVISOR;
			case REGIONAL -> Roles.REGIONAL_APPROVER;
			case HQ -> Roles.HQ_APPROVER;
		};
	}

	static BigDecimal money(BigDecimal amount) {
		return amount.setScale(2, java.math.RoundingMode.UNNECESSARY);
	}

}
