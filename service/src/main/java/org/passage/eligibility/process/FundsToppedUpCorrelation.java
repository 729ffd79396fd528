package org.passage.eligibility.process;

import org.camunda.bpm.engine.RuntimeService;
import org.passage.funds.FundToppedUp;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.event.TransactionalEventListener;

/**
 * A fund was topped up: the cases waiting for it decide again. Runs once the top-up is
 * committed; the event publication registry keeps the event until this has run.
 */
@Component
class FundsToppedUpCorrelation {

	private final RuntimeService runtime;

	FundsToppedUpCorrelation(RuntimeService runtime) {
		this.runtime = runtime;
	}

	// fallbackExecution: also when the registry resubmits the event outside a transaction
	@TransactionalEventListener(fallbackExecution = true)
	@Transactional(propagation = Propagation.REQUIRES_NEW)
	void on(FundToppedUp toppedUp) {
		this.runtime.createMessageCorrelation("FundsToppedUp")
			.processInstanceVariableEquals("fundId", toppedUp.fundId())
			.correlateAll();
	}

}
