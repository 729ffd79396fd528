package org.passage.eligibility.process;

import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.passage.cases.CaseService;
import org.passage.cases.ProcessEffects;
import org.passage.decisions.DecisionService;
import org.passage.eligibility.Eligibility;
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

	DecideReintegrationPackageDelegate(CaseService cases, Eligibility eligibility, DecisionService decisions,
			ProcessEffects effects, ObjectMapper json, @Value("${passage.cases.monitoring-month:P1M}") String month) {
		super(Programme.REINTEGRATION, cases, eligibility, decisions, effects, json);
		this.month = month;
	}

	@Override
	void addVariables(Map<String, Object> variables, JsonNode outcome) {
		int months = outcome.path("monitoringMonths").asInt(0);
		variables.put("monitoringMonths", months);
		variables.put("monitoringVisitsLeft", MonitoringSchedule.visitMonths(months).size());
		variables.put("monitoringInterval", months == 0 ? null : MonitoringSchedule.waitBefore(months, 0, this.month));
	}

}
