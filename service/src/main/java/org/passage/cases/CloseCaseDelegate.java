package org.passage.cases;

import java.util.Map;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.springframework.stereotype.Component;

/** Closes the case and adds it, anonymised, to the statistics. Idempotent: a closed case stays as it is. */
@Component("closeCaseDelegate")
class CloseCaseDelegate extends CaseStep {

	CloseCaseDelegate(Cases cases) {
		super(cases);
	}

	@Override
	void run(DelegateExecution execution, CaseFile file) {
		if (file.closedAt() != null) {
			return;
		}
		Object decision = execution.getVariable("decision");
		String outcome = decision == null ? "CLOSED" : "CLOSED_" + decision;
		this.cases.setStatus(file.reference(), "CLOSED", true);
		this.cases.statistic(file, outcome);
		this.cases.event(file.reference(), "process", "CLOSED", execution.getCurrentActivityId(),
				Map.of("outcome", outcome));
	}

}
