package org.passage.processes;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Map;

import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.bpm.engine.test.mock.Mocks;

/**
 * Stands in for the service's delegates, by bean name, in engine-only process tests. A
 * decision delegate gives the variables scripted for it, in order, and fails like an
 * unavailable decision service when nothing is scripted; the other delegates succeed with
 * their usual variables (funds reserved, for one) unless a test scripts otherwise.
 */
final class ScriptedDelegates {

	static final String[] DECISIONS = { "decideGafDelegate", "decideHasmDelegate",
			"decideReintegrationPackageDelegate" };

	private final Map<String, Deque<Map<String, Object>>> scripts = new HashMap<>();

	private final Map<String, Integer> calls = new HashMap<>();

	ScriptedDelegates() {
		for (String decision : DECISIONS) {
			register(decision, null);
		}
		register("reserveFundsDelegate", Map.of("fundsReserved", true));
		for (String effect : new String[] { "commitFundsDelegate", "recordReferralDelegate", "openVotCaseDelegate",
				"stopAssistanceDelegate", "closeCaseDelegate" }) {
			register(effect, Map.of());
		}
		Mocks.register("nextMonitoringVisitListener",
				(ExecutionListener) execution -> execution.setVariable("monitoringVisitsLeft",
						((Number) execution.getVariable("monitoringVisitsLeft")).intValue() - 1));
		Mocks.register("recordPreparerListener", (TaskListener) task -> task.setVariable("preparedBy", "officer"));
		Mocks.register("fourEyesListener", (TaskListener) task -> {
			if (task.getAssignee() != null && task.getAssignee().equals(task.getVariable("preparedBy"))) {
				throw new IllegalStateException("four eyes: the preparer may not approve");
			}
		});
	}

	/** The next call of {@code delegate} sets these variables. */
	ScriptedDelegates then(String delegate, Map<String, Object> variables) {
		this.scripts.computeIfAbsent(delegate, name -> new ArrayDeque<>()).add(variables);
		return this;
	}

	int calls(String delegate) {
		return this.calls.getOrDefault(delegate, 0);
	}

	static Map<String, Object> decided(String decision, String approverGroup) {
		Map<String, Object> variables = new HashMap<>();
		variables.put("decision", decision);
		variables.put("approverGroup", approverGroup);
		variables.put("route", null);
		return variables;
	}

	private void register(String name, Map<String, Object> usual) {
		Mocks.register(name, (JavaDelegate) execution -> {
			int call = this.calls.merge(name, 1, Integer::sum);
			Deque<Map<String, Object>> script = this.scripts.get(name);
			Map<String, Object> variables = script == null || script.isEmpty() ? usual : script.poll();
			if (variables == null) {
				throw new IllegalStateException("decision service unavailable");
			}
			execution.setVariables(variables);
			if (name.startsWith("decide")) {
				execution.setVariable("decisionId", "decision-" + call);
			}
		});
	}

}
