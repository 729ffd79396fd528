package org.passage.cases.process;

import java.util.Map;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.passage.cases.Case;
import org.passage.cases.CaseService;
import org.passage.cases.CaseStatus;
import org.passage.funds.Funds;
import org.springframework.stereotype.Component;

/**
 * Consent withdrawn, or an AVRR return revoked: every open reservation goes back to its
 * fund and the case closes. Idempotent: releasing twice releases nothing more.
 */
@Component("stopAssistanceDelegate")
class StopAssistanceDelegate extends CaseStep {

	private final Funds funds;

	StopAssistanceDelegate(CaseService cases, Funds funds) {
		super(cases);
		this.funds = funds;
	}

	@Override
	void run(DelegateExecution execution, Case file) {
		this.funds.releaseAll(file.reference());
		CaseStatus status = "Activity_EndReturn".equals(execution.getCurrentActivityId()) ? CaseStatus.RETURN_REVOKED
				: CaseStatus.CONSENT_WITHDRAWN;
		this.cases.close(file, status, status.name(), execution.getCurrentActivityId(), "ASSISTANCE_STOPPED",
				Map.of("status", status.name()));
	}

}
