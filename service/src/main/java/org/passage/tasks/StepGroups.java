package org.passage.tasks;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.model.bpmn.instance.UserTask;
import org.passage.cases.Case;
import org.passage.cases.CaseService;
import org.passage.rules.decision.Programme;
import org.passage.eligibility.Eligibility;
import org.springframework.stereotype.Component;

/**
 * Who may take a step: the groups its model names, or, for an approval whose model names
 * {@code ${approverGroup}}, the group of the approval level the case's recorded decision
 * requires. Never the task's identity links, which the engine API can change.
 */
@Component
class StepGroups {

	/**
	 * The candidate-group expression of approval steps: the decision's level decides who
	 * approves.
	 */
	static final String DECISION_APPROVER = "${approverGroup}";

	private final RepositoryService repository;

	private final Eligibility eligibility;

	private final Map<String, String> modelled = new ConcurrentHashMap<>();

	StepGroups(RepositoryService repository, Eligibility eligibility) {
		this.repository = repository;
		this.eligibility = eligibility;
	}

	List<String> of(Task task, Case file) {
		return of(task, () -> file);
	}

	/** The same, reading the case only for an approval of a decision. */
	List<String> of(Task task, java.util.function.Supplier<Case> file) {
		String groups = modelledGroups(task);
		if (DECISION_APPROVER.equals(groups)) {
			Case found = file.get();
			String approver = this.eligibility.approverGroupOf(found, programmeOf(task, found));
			return approver == null ? List.of() : List.of(approver);
		}
		return Arrays.stream(groups.split(",")).map(String::trim).filter(group -> !group.isEmpty()).toList();
	}

	/**
	 * The programme a step works for: the package in the reintegration sub-process, the
	 * case's own elsewhere.
	 */
	Programme programmeOf(Task task, Case file) {
		String key = this.repository.getProcessDefinition(task.getProcessDefinitionId()).getKey();
		return CaseService.programmeAt(file, key);
	}

	/**
	 * Whether the step approves the case's current decision (and not, say, an AVRR
	 * return).
	 */
	boolean approvesDecision(Task task) {
		return DECISION_APPROVER.equals(modelledGroups(task));
	}

	private String modelledGroups(Task task) {
		return this.modelled.computeIfAbsent(task.getProcessDefinitionId() + "/" + task.getTaskDefinitionKey(), key -> {
			UserTask element = this.repository.getBpmnModelInstance(task.getProcessDefinitionId())
				.getModelElementById(task.getTaskDefinitionKey());
			String groups = element.getCamundaCandidateGroups();
			return groups == null ? "" : groups.trim();
		});
	}

}
