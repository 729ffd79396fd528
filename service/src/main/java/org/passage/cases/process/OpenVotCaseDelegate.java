package org.passage.cases.process;

import java.util.Map;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.passage.cases.Case;
import org.passage.cases.CaseService;
import org.passage.cases.CaseStatus;
import org.passage.cases.TraffickingSuspected;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;

/**
 * Signs of trafficking in a stranded migrant's case: the case is referred, and once that
 * is committed a linked VoT case opens for the same person in the same office (an event,
 * so the VoT case's start is not part of this job, and a retried job opens no second
 * case), if the person consented to their data being shared; otherwise the referral is
 * held ({@code CaseService.openLinked}).
 */
@Component("openVotCaseDelegate")
class OpenVotCaseDelegate extends CaseStep {

	private final ApplicationEventPublisher events;

	OpenVotCaseDelegate(CaseService cases, ApplicationEventPublisher events) {
		super(cases);
		this.events = events;
	}

	@Override
	void run(DelegateExecution execution, Case file) {
		this.cases.close(file, CaseStatus.REFERRED, "REFERRED_VOT_CASE", execution.getCurrentActivityId(), "REFERRED",
				Map.of("to", "VOT_CASE", "personalDataShared", file.sharesData()));
		this.events.publishEvent(new TraffickingSuspected(file.reference()));
	}

}
