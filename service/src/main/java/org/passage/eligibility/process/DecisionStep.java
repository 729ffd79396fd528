package org.passage.eligibility.process;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.passage.cases.Case;
import org.passage.cases.CaseDecision;
import org.passage.cases.CaseService;
import org.passage.cases.ProcessEffects;
import org.passage.cases.ProcessTree;
import org.passage.decisions.DecisionContext;
import org.passage.decisions.DecisionService;
import org.passage.decisions.DecisionView;
import org.passage.eligibility.Eligibility;
import org.passage.eligibility.FactContract;
import org.passage.rules.decision.Programme;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Takes a programme's decision for the case whose process runs this step: the typed input
 * is built from the facts the case's forms recorded and what Passage knows (the fund's
 * balance, consent, earlier cases), the decision is recorded and linked to the case with
 * the fund that pays it, once per job. The process gets routing values and ids only:
 * decision, decisionId, approverGroup, route, fundId; money and authority stay in schema
 * {@code app}. An open case keeps the ruleset version its decision was made under until a
 * person asks for the decision again (see {@link #execute}).
 */
abstract class DecisionStep implements JavaDelegate {

	private static final Logger log = LoggerFactory.getLogger(DecisionStep.class);

	/** The supervisor's form while funds are short: "decide again" is a person's call. */
	static final String PENDING_FUNDS_FORM = "pending-funds";

	private final FactContract contract;

	/** The forms whose completion asks for the decision again, under the live version. */
	private final java.util.Set<String> redeciding;

	private final CaseService cases;

	private final Eligibility eligibility;

	private final DecisionService decisions;

	private final ProcessEffects effects;

	final ObjectMapper json;

	DecisionStep(Programme programme, CaseService cases, Eligibility eligibility, DecisionService decisions,
			ProcessEffects effects, ObjectMapper json) {
		this.contract = FactContract.of(programme);
		this.redeciding = new java.util.HashSet<>(this.contract.decidingForms());
		this.redeciding.add(PENDING_FUNDS_FORM);
		this.cases = cases;
		this.eligibility = eligibility;
		this.decisions = decisions;
		this.effects = effects;
		this.json = json;
	}

	@Override
	public void execute(DelegateExecution execution) {
		Case file = this.cases.ofProcess(ProcessTree.rootOf(execution));
		Programme programme = this.contract.programme();
		String fundId = this.eligibility.fundOf(file, programme);
		ObjectNode outcome = this.effects.once(execution, file.reference(), () -> {
			Record input = this.contract.input(file.facts(), this.eligibility.known(file, programme));
			DecisionContext context = new DecisionContext(file.reference(), "process", Locale.ENGLISH);
			// An open case keeps the version its decision was made under until a person
			// asks for the decision again (a step leading to it, or "decide again" while
			// funds are short); a fund top-up alone decides again under the same version.
			Optional<CaseDecision> earlier = this.cases.currentDecision(file.reference(), programme);
			boolean keeps = earlier.isPresent()
					&& !this.cases.stepCompletedAfter(earlier.get().decisionId(), this.redeciding);
			DecisionView view = keeps ? this.decisions.recordUnderVersionOf(input, context, earlier.get().decisionId())
					: this.decisions.record(input, context);
			this.cases.recordDecision(file,
					new CaseDecision(view.decisionId(), programme, fundId, execution.getCurrentActivityId()),
					view.decision().name(), view.priority());
			log.info("{} decision {}: {}", programme, view.decisionId(), view.decision());
			return summary(view);
		});
		Map<String, Object> variables = new HashMap<>();
		variables.put("decision", outcome.get("decision").asText());
		variables.put("decisionId", outcome.get("decisionId").asText());
		variables.put("approverGroup", outcome.path("approverGroup").textValue());
		variables.put("route", outcome.path("route").textValue());
		variables.put("fundId", fundId);
		addVariables(variables, outcome);
		execution.setVariables(variables);
	}

	/** Programme-specific routing variables (the reintegration's monitoring schedule). */
	void addVariables(Map<String, Object> variables, JsonNode outcome) {
	}

	private ObjectNode summary(DecisionView view) {
		ObjectNode summary = this.json.createObjectNode()
			.put("decisionId", view.decisionId().toString())
			.put("decision", view.decision().name())
			.put("approverGroup", Eligibility.approverGroup(view.approvalLevel()))
			.put("route", view.route() == null ? null : view.route().name());
		if (view.monitoringMonths() != null) {
			summary.put("monitoringMonths", view.monitoringMonths());
		}
		return summary;
	}

}
