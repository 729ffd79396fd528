package org.passage.cases.internal;

import org.passage.cases.CaseService;
import org.passage.cases.CaseType;
import org.passage.cases.TraffickingSuspected;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.event.TransactionalEventListener;

/**
 * What follows a case's events once they are committed. The event publication registry
 * keeps an event until its listener has run, so a failure here is resubmitted at the next
 * start instead of lost; the listener is idempotent (and the database allows one linked
 * case per referral).
 */
@Component
class CaseEvents {

	private final CaseService cases;

	CaseEvents(CaseService cases) {
		this.cases = cases;
	}

	/**
	 * A linked VoT case for the same person, in the same office (once, however often this
	 * runs).
	 */
	// fallbackExecution: also when the registry resubmits the event outside a transaction
	@TransactionalEventListener(fallbackExecution = true)
	@Transactional(propagation = Propagation.REQUIRES_NEW)
	void on(TraffickingSuspected suspected) {
		this.cases.openLinked(suspected.strandedCase(), CaseType.VOT, "process");
	}

}
