package org.passage.cases.internal;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.passage.cases.Case;
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
	 * The case's process instance and the sub-processes it called (its reintegration), by
	 * id.
	 */
	public List<String> tree(Case file) {
		List<String> ids = new ArrayList<>();
		if (file.processInstanceId() != null) {
			ids.add(file.processInstanceId());
			this.runtime.createProcessInstanceQuery()
				.superProcessInstanceId(file.processInstanceId())
				.list()
				.forEach(sub -> ids.add(sub.getId()));
		}
		return ids;
	}

	/**
	 * Deletes the engine's history of the case's processes (the case's own and every
	 * sub-process it called): variables, tasks, activities, operation log. Only processes
	 * that ended; returns how many.
	 */
	public int forgetHistory(Case file) {
		if (file.processInstanceId() == null) {
			return 0;
		}
		List<String> ended = new ArrayList<>();
		List<String> next = List.of(file.processInstanceId());
		while (!next.isEmpty()) {
			List<String> found = new ArrayList<>();
			for (String id : next) {
				this.history.createHistoricProcessInstanceQuery()
					.processInstanceId(id)
					.finished()
					.list()
					.forEach(instance -> ended.add(instance.getId()));
				this.history.createHistoricProcessInstanceQuery()
					.superProcessInstanceId(id)
					.list()
					.forEach(sub -> found.add(sub.getId()));
			}
			next = found;
		}
		if (!ended.isEmpty()) {
			this.history.deleteHistoricProcessInstancesIfExists(ended);
		}
		return ended.size();
	}

	/**
	 * Consent withdrawn: every process of the case starts its consent-withdrawal event
	 * sub-process.
	 */
	public void stopAssisting(Case file) {
		for (String instance : tree(file)) {
			this.runtime.createMessageCorrelation("ConsentWithdrawn").processInstanceId(instance).correlateAll();
		}
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
