package org.passage.cases;

import java.util.Map;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.springframework.stereotype.Component;

/**
 * Closes the case and adds it, anonymised, to the statistics. Idempotent: a closed case
 * stays as it is.
 */
@Component("closeCaseDelegate")
class CloseCaseDelegate extends CaseStep {

	CloseCaseDelegate(Cases cases) {
		super(cases);
	}

	@Override
	void run(DelegateExecution execution, CaseFile file) {
		Object decision = execution.getVariable("decision");
		String outcome = decision == null ? "CLOSED" : "CLOSED_" + decision;
		this.cases.close(file, "CLOSED", outcome, execution.getCurrentActivityId(), "CLOSED",
				Map.of("outcome", outcome));
	}

}
