package org.passage.cases.process;

import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.passage.cases.CaseService;
import org.passage.cases.FourEyesViolation;
import org.passage.cases.ProcessTree;
import org.springframework.stereotype.Component;

/**
 * A preparing step (a plan, a travel preparation) completes: the officer Passage recorded
 * as completing it prepares what is approved next. Read from Passage's own record of the
 * step, never from the task's assignee or a variable, which the engine API can change.
 */
@Component("recordPreparerListener")
class RecordPreparerListener implements TaskListener {

	private final CaseService cases;

	RecordPreparerListener(CaseService cases) {
		this.cases = cases;
	}

	@Override
	public void notify(DelegateTask task) {
		String preparer = this.cases.completedBy(task.getId())
			.orElseThrow(() -> new FourEyesViolation(task.getName() + " is completed through Passage, by its officer"));
		this.cases.preparedBy(this.cases.ofProcess(ProcessTree.rootOf(task)), preparer);
	}

}
