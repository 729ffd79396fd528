package org.passage.cases;

import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.springframework.stereotype.Component;

/**
 * Remembers who prepared the case (a staff id, not personal data of the person), for four
 * eyes.
 */
@Component("recordPreparerListener")
class RecordPreparerListener implements TaskListener {

	@Override
	public void notify(DelegateTask task) {
		String preparer = task.getAssignee();
		if (preparer == null) {
			Authentication current = task.getProcessEngineServices().getIdentityService().getCurrentAuthentication();
			preparer = current == null ? null : current.getUserId();
		}
		if (preparer == null) {
			throw new FourEyesViolation(task.getName() + " must be claimed by the officer who prepares the case");
		}
		task.setVariable("preparedBy", preparer);
	}

}
