package org.passage.cases;

import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.springframework.stereotype.Component;

/**
 * Four eyes, enforced by the engine whatever the client (Passage's API, Tasklist, engine
 * REST): an approval is claimed and completed by someone other than the officer who
 * prepared the case ({@code preparedBy}), and never completed unclaimed.
 */
@Component("fourEyesListener")
class FourEyesListener implements TaskListener {

	@Override
	public void notify(DelegateTask task) {
		Object preparer = task.getVariable("preparedBy");
		String assignee = task.getAssignee();
		if (EVENTNAME_COMPLETE.equals(task.getEventName())) {
			Authentication current = task.getProcessEngineServices().getIdentityService().getCurrentAuthentication();
			String completer = assignee != null ? assignee : current == null ? null : current.getUserId();
			if (completer == null) {
				throw new FourEyesViolation(task.getName() + " must be claimed by its approver before it is completed");
			}
			assignee = completer;
		}
		if (assignee != null && assignee.equals(preparer)) {
			throw new FourEyesViolation(assignee + " prepared this case and may not approve it");
		}
	}

}
