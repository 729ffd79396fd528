package org.passage.cases.internal;

import org.camunda.bpm.engine.RuntimeService;
import org.passage.cases.CaseService;
import org.passage.cases.CaseType;
import org.passage.cases.ConsentWithdrawn;
import org.passage.cases.TraffickingSuspected;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.event.TransactionalEventListener;

/**
 * What follows a case's events once they are committed. The event publication registry
 * keeps each event until its listener has run, so a failure here is retried (at start-up,
 * or by an operator) instead of lost; both listeners are idempotent. They run on the
 * committing thread, so a caller sees their effect when its call returns.
 */
@Component
class CaseEvents {

	private final RuntimeService runtime;

	private final CaseService cases;

	CaseEvents(RuntimeService runtime, CaseService cases) {
		this.runtime = runtime;
		this.cases = cases;
	}

	/**
	 * Every process of the case stops assisting: its consent-withdrawal event sub-process
	 * starts.
	 */
	@TransactionalEventListener(fallbackExecution = true) // also when resubmitted outside
															// a transaction
	@Transactional(propagation = Propagation.REQUIRES_NEW)
	void on(ConsentWithdrawn withdrawn) {
		this.runtime.createMessageCorrelation("ConsentWithdrawn")
			.processInstanceBusinessKey(withdrawn.caseReference())
			.correlateAll();
	}

	/**
	 * A linked VoT case for the same person, in the same office (once, however often this
	 * runs).
	 */
	@TransactionalEventListener(fallbackExecution = true) // also when resubmitted outside
															// a transaction
	@Transactional(propagation = Propagation.REQUIRES_NEW)
	void on(TraffickingSuspected suspected) {
		this.cases.openLinked(suspected.strandedCase(), CaseType.VOT, "process");
	}

}
