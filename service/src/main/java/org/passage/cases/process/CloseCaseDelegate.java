package org.passage.cases.process;

import java.util.Map;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.passage.cases.Case;
import org.passage.cases.CaseService;
import org.passage.cases.CaseStatus;
import org.passage.decisions.DecisionService;
import org.springframework.stereotype.Component;

/**
 * Closes the case and adds it, anonymised, to the statistics, with the outcome of its
 * latest decision as recorded. Idempotent: a closed case stays as it is.
 */
@Component("closeCaseDelegate")
class CloseCaseDelegate extends CaseStep {

	private final DecisionService decisions;

	CloseCaseDelegate(CaseService cases, DecisionService decisions) {
		super(cases);
		this.decisions = decisions;
	}

	@Override
	void run(DelegateExecution execution, Case file) {
		String outcome = this.cases.currentDecision(file.reference(), file.type().programme())
			.map(made -> "CLOSED_" + this.decisions.get(made.decisionId()).decision().name())
			.orElse("CLOSED");
		this.cases.close(file, CaseStatus.CLOSED, outcome, execution.getCurrentActivityId(), "CLOSED",
				Map.of("outcome", outcome));
	}

}
