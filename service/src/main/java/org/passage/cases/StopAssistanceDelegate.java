package org.passage.cases;

import java.util.Map;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.passage.funds.Funds;
import org.springframework.stereotype.Component;

/**
 * Consent withdrawn, or an AVRR return revoked: every open reservation goes back to its
 * fund and the case closes. Idempotent: releasing twice releases nothing more.
 */
@Component("stopAssistanceDelegate")
class StopAssistanceDelegate extends CaseStep {

	private final Funds funds;

	StopAssistanceDelegate(Cases cases, Funds funds) {
		super(cases);
		this.funds = funds;
	}

	@Override
	void run(DelegateExecution execution, CaseFile file) {
		this.funds.releaseAll(file.reference());
		String status = "Activity_EndReturn".equals(execution.getCurrentActivityId()) ? "RETURN_REVOKED"
				: "CONSENT_WITHDRAWN";
		this.cases.close(file, status, status, execution.getCurrentActivityId(), "ASSISTANCE_STOPPED",
				Map.of("status", status));
	}

}
