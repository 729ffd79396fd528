package org.passage.cases.process;

import java.util.Map;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.passage.cases.Case;
import org.passage.cases.CaseService;
import org.passage.cases.CaseStatus;
import org.passage.decisions.DecisionService;
import org.springframework.stereotype.Component;

/**
 * Records where the case was referred (the recorded decision's route, or the screening's
 * outcome) and closes it.
 */
@Component("recordReferralDelegate")
class RecordReferralDelegate extends CaseStep {

	private final DecisionService decisions;

	RecordReferralDelegate(CaseService cases, DecisionService decisions) {
		super(cases);
		this.decisions = decisions;
	}

	@Override
	void run(DelegateExecution execution, Case file) {
		String to = "Activity_ReferToRefugeeAgency".equals(execution.getCurrentActivityId()) ? "REFUGEE_AGENCY"
				: this.cases.currentDecision(file.reference(), file.type().programme())
					.map(made -> this.decisions.get(made.decisionId()).route())
					.map(Enum::name)
					.orElse("OTHER");
		// Data goes with the referral only with the person's consent to sharing it
		this.cases.close(file, CaseStatus.REFERRED, "REFERRED_" + to, execution.getCurrentActivityId(), "REFERRED",
				Map.of("to", to, "personalDataShared", file.sharesData()));
	}

}
