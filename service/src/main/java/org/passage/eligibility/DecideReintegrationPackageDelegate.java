package org.passage.eligibility;

import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.passage.cases.CaseFile;
import org.passage.cases.Cases;
import org.passage.cases.ProcessEffects;
import org.passage.decisions.DecisionService;
import org.passage.funds.Funds;
import org.passage.rules.decision.Programme;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * The reintegration package, in the shared sub-process. Monitoring visits follow the package's
 * {@code monitoringMonths}: one visit every {@code passage.cases.monitoring-interval} (three
 * months by default; a duration such as PT1S in tests), so 12 months are visits at 3, 6, 9, 12.
 */
@Component("decideReintegrationPackageDelegate")
class DecideReintegrationPackageDelegate extends DecisionStep {

	private static final int MONTHS_PER_VISIT = 3;

	private final String interval;

	DecideReintegrationPackageDelegate(Cases cases, Funds funds, DecisionService decisions, ProcessEffects effects,
			ObjectMapper json, @Value("${passage.cases.monitoring-interval:P3M}") String interval) {
		super(Programme.REINTEGRATION, cases, funds, decisions, effects, json);
		this.interval = interval;
	}

	@Override
	void addKnownInputs(ObjectNode input, CaseFile file, String fundId) {
		// Every reintegration input is on the plan's form.
	}

	@Override
	void addVariables(Map<String, Object> variables, JsonNode outcome) {
		int months = outcome.path("monitoringMonths").asInt(0);
		variables.put("monitoringVisitsLeft", (months + MONTHS_PER_VISIT - 1) / MONTHS_PER_VISIT);
		variables.put("monitoringInterval", this.interval);
	}

}
