package org.passage.cases.internal;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.passage.cases.CaseType;
import org.passage.web.Problems;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Starts a case's process: the case reference is its business key, and its only variable
 * is that id.
 */
@Component
public class CaseProcesses {

	private final RuntimeService runtime;

	private final HistoryService history;

	private final Duration hasmDecisionDue;

	CaseProcesses(RuntimeService runtime, HistoryService history,
			@Value("${passage.cases.hasm-decision-due:PT72H}") Duration hasmDecisionDue) {
		this.runtime = runtime;
		this.history = history;
		this.hasmDecisionDue = hasmDecisionDue;
	}

	/**
	 * Starts the case's process; a case is never started twice. Returns the process
	 * instance id.
	 */
	public String start(String reference, CaseType type) {
		boolean started = this.runtime.createProcessInstanceQuery().processInstanceBusinessKey(reference).count() > 0
				|| this.history.createHistoricProcessInstanceQuery().processInstanceBusinessKey(reference).count() > 0;
		if (started) {
			throw Problems.conflict("case-already-started", reference + " has already been started");
		}
		Map<String, Object> variables = new HashMap<>();
		variables.put("caseId", reference);
		if (type == CaseType.STRANDED_MIGRANT) {
			variables.put("hasmDecisionDue", this.hasmDecisionDue.toString());
		}
		return this.runtime.startProcessInstanceByKey(type.processKey(), reference, variables).getId();
	}

}
