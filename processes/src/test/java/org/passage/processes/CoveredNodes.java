package org.passage.processes;

import java.util.Set;
import java.util.TreeSet;

import org.camunda.bpm.engine.history.HistoricActivityInstance;
import org.junit.jupiter.api.extension.AfterTestExecutionCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.historyService;

/**
 * The flow nodes a test class has passed, so that it can require every node on the paths
 * that spend money to have been passed at least once. Register it after the engine
 * extension: it must read each test's history before the engine extension deletes the
 * test's deployment.
 */
final class CoveredNodes implements AfterTestExecutionCallback {

	private final Set<String> passed = new TreeSet<>();

	@Override
	public void afterTestExecution(ExtensionContext context) {
		for (HistoricActivityInstance node : historyService().createHistoricActivityInstanceQuery().list()) {
			this.passed.add(node.getActivityId());
		}
	}

	void assertPassedAll(String... moneyPath) {
		assertThat(this.passed).as("nodes on the paths that spend money").contains(moneyPath);
	}

}
