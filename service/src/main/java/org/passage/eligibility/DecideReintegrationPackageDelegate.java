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
 * The reintegration package, in the shared sub-process. Monitoring visits follow the
 * package's {@code monitoringMonths} ({@link MonitoringSchedule}); the length of a month
 * is {@code passage.cases.monitoring-month} ({@code P1M}; {@code PT1S} for a
 * demonstration).
 */
@Component("decideReintegrationPackageDelegate")
class DecideReintegrationPackageDelegate extends DecisionStep {

	private final String month;

	DecideReintegrationPackageDelegate(Cases cases, Funds funds, DecisionService decisions, ProcessEffects effects,
			ObjectMapper json, @Value("${passage.cases.monitoring-month:P1M}") String month) {
		super(Programme.REINTEGRATION, cases, funds, decisions, effects, json);
		this.month = month;
	}

	@Override
	void addKnownInputs(ObjectNode input, CaseFile file, String fundId) {
		// Every reintegration input is on the plan's form.
	}

	@Override
	void addVariables(Map<String, Object> variables, JsonNode outcome) {
		int months = outcome.path("monitoringMonths").asInt(0);
		variables.put("monitoringMonths", months);
		variables.put("monitoringVisitsLeft", MonitoringSchedule.visitMonths(months).size());
		variables.put("monitoringInterval", months == 0 ? null : MonitoringSchedule.waitBefore(months, 0, this.month));
	}

}
