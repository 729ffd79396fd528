package org.passage.cases;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;

/** A process step about one case: finds the case its process carries ({@code caseId}). */
abstract class CaseStep implements JavaDelegate {

	final Cases cases;

	CaseStep(Cases cases) {
		this.cases = cases;
	}

	@Override
	public final void execute(DelegateExecution execution) {
		String reference = (String) execution.getVariable("caseId");
		CaseFile file = this.cases.find(reference)
			.orElseThrow(() -> new IllegalStateException(
					"No case " + reference + " for process " + execution.getProcessInstanceId()));
		run(execution, file);
	}

	abstract void run(DelegateExecution execution, CaseFile file);

}
