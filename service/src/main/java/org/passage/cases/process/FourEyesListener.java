package org.passage.cases.process;

import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.passage.cases.Case;
import org.passage.cases.CaseService;
import org.passage.cases.FourEyesViolation;
import org.passage.cases.ProcessTree;
import org.springframework.stereotype.Component;

/**
 * Four eyes, enforced by the engine whatever the client: an approval is neither claimed
 * nor completed by the officer who prepared the case, as Passage recorded it
 * ({@code prepared_by}).
 */
@Component("fourEyesListener")
class FourEyesListener implements TaskListener {

	private final CaseService cases;

	FourEyesListener(CaseService cases) {
		this.cases = cases;
	}

	@Override
	public void notify(DelegateTask task) {
		Case file = this.cases.ofProcess(ProcessTree.rootOf(task));
		String approver = EVENTNAME_COMPLETE.equals(task.getEventName())
				? this.cases.completedBy(task.getId()).orElse(null) : task.getAssignee();
		if (approver != null && approver.equals(file.preparedBy())) {
			throw new FourEyesViolation(approver + " prepared this case and may not approve it");
		}
	}

}
