package org.passage.cases;

import java.util.Map;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.springframework.stereotype.Component;

/**
 * Records where the case was referred (the decision's route, or the screening's outcome)
 * and closes it.
 */
@Component("recordReferralDelegate")
class RecordReferralDelegate extends CaseStep {

	RecordReferralDelegate(Cases cases) {
		super(cases);
	}

	@Override
	void run(DelegateExecution execution, CaseFile file) {
		Object route = execution.getVariable("route");
		String to = route != null ? route.toString()
				: "Activity_ReferToRefugeeAgency".equals(execution.getCurrentActivityId()) ? "REFUGEE_AGENCY" : "OTHER";
		this.cases.close(file, "REFERRED", "REFERRED_" + to, execution.getCurrentActivityId(), "REFERRED",
				Map.of("to", to));
	}

}
