package org.passage.cases;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.DelegateTask;

/**
 * The root of a process tree: the case's own process, also from inside its reintegration
 * sub-process. Steps find their case by it, because unlike a variable or a business key,
 * nobody can change which process instance a step runs in.
 */
public final class ProcessTree {

	private ProcessTree() {
	}

	public static String rootOf(DelegateExecution execution) {
		DelegateExecution instance = execution.getProcessInstance();
		while (instance.getSuperExecution() != null) {
			instance = instance.getSuperExecution().getProcessInstance();
		}
		return instance.getId();
	}

	public static String rootOf(DelegateTask task) {
		return rootOf(task.getExecution());
	}

}
