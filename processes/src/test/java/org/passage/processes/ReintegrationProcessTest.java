package org.passage.processes;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;

import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.test.Deployment;
import org.camunda.bpm.engine.test.junit5.ProcessEngineExtension;
import org.camunda.bpm.engine.test.mock.Mocks;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.complete;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.execute;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.init;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.job;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.managementService;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.runtimeService;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.task;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.withVariables;

/**
 * The shared reintegration sub-process, on an in-memory engine with the decision delegate
 * replaced by a scripted one: each test is one path a returnee's package can take.
 */
@Deployment(resources = "bpmn/reintegration.bpmn")
class ReintegrationProcessTest {

	@RegisterExtension
	static ProcessEngineExtension engine = ProcessEngineExtension.builder().build();

	/** Decisions the scripted delegate gives, in order, as the service's delegate would record them. */
	private final Deque<Map<String, Object>> decisions = new ArrayDeque<>();

	private int decided;

	@BeforeEach
	void scriptTheDecisionDelegate(ProcessEngine processEngine) {
		init(processEngine);
		Mocks.register("decideReintegrationPackageDelegate", (JavaDelegate) this::decide);
	}

	@AfterEach
	void forgetMocks() {
		Mocks.reset();
	}

	@Test
	void aPackageApprovedBySupervisorIsDeliveredThenMonitoredTwice() {
		this.decisions.add(eligible("SUPERVISOR", 2));
		ProcessInstance returnee = start();
		complete(task());
		assertThat(returnee).isWaitingAt("Activity_DecideReintegrationPackage");
		execute(job());
		assertThat(returnee).isWaitingAt("Activity_ApprovePackage");
		assertThat(task()).hasCandidateGroup("SUPERVISOR");
		complete(task(), withVariables("approved", true));
		assertThat(returnee).isWaitingAt("Activity_DeliverPackage");
		complete(task());
		for (int visit = 0; visit < 2; visit++) {
			assertThat(returnee).isWaitingAt("Event_MonitoringVisitDue");
			execute(job());
			assertThat(task()).hasDefinitionKey("Activity_MonitoringVisit").hasCandidateGroup("CASE_OFFICER");
			complete(task());
		}
		assertThat(returnee).isEnded().hasPassed("Event_ReintegrationClosed");
	}

	@Test
	void aPackageNeedingNoApprovalNorMonitoringGoesStraightToDelivery() {
		this.decisions.add(eligible(null, 0));
		ProcessInstance returnee = start();
		complete(task());
		execute(job());
		assertThat(returnee).isWaitingAt("Activity_DeliverPackage").hasNotPassed("Activity_ApprovePackage");
		complete(task());
		assertThat(returnee).isEnded();
	}

	@Test
	void regionalAndHeadquartersApprovalsGoToTheirGroups() {
		this.decisions.add(eligible("REGIONAL_APPROVER", 0));
		start();
		complete(task());
		execute(job());
		assertThat(task()).hasCandidateGroup("REGIONAL_APPROVER");
		this.decisions.add(eligible("HQ_APPROVER", 0));
		complete(task(), withVariables("approved", false));
		complete(task());
		execute(job());
		assertThat(task()).hasCandidateGroup("HQ_APPROVER");
	}

	@Test
	void missingInformationIsCollectedAndTheDecisionTakenAgain() {
		this.decisions.add(Map.of("decision", "PENDING_INFO"));
		this.decisions.add(eligible("SUPERVISOR", 0));
		ProcessInstance returnee = start();
		complete(task());
		execute(job());
		assertThat(returnee).isWaitingAt("Activity_CollectMissingInformation");
		assertThat(task()).hasCandidateGroup("CASE_OFFICER");
		complete(task());
		execute(job());
		assertThat(returnee).isWaitingAt("Activity_ApprovePackage");
		assertThat(runtimeService().getVariable(returnee.getId(), "decisionId")).isEqualTo("decision-2");
	}

	@Test
	void aRejectedPackageGoesBackToTheOfficersPlan() {
		this.decisions.add(eligible("SUPERVISOR", 0));
		ProcessInstance returnee = start();
		complete(task());
		execute(job());
		complete(task(), withVariables("approved", false));
		assertThat(returnee).isWaitingAt("Activity_PrepareReintegrationPlan");
		assertThat(task()).hasCandidateGroup("CASE_OFFICER");
	}

	@Test
	void theOfficersClickCommitsBeforeTheDecisionRuns() {
		ProcessInstance returnee = start();
		complete(task()); // no decision scripted: the delegate would fail, but it has not run yet
		assertThat(returnee).isWaitingAt("Activity_DecideReintegrationPackage");
		assertThat(job()).isNotNull();
	}

	@Test
	void aDecisionThatKeepsFailingBecomesAnIncidentAfterThreeTries() {
		ProcessInstance returnee = start();
		complete(task());
		for (int attempt = 1; attempt <= 3; attempt++) {
			Job failing = job();
			assertThatThrownBy(() -> managementService().executeJob(failing.getId()))
				.hasMessageContaining("decision service unavailable");
		}
		assertThat(job().getRetries()).isZero();
		assertThat(runtimeService().createIncidentQuery().processInstanceId(returnee.getId()).count()).isEqualTo(1);
		this.decisions.add(eligible(null, 0));
		managementService().setJobRetries(job().getId(), 1);
		execute(job());
		assertThat(returnee).isWaitingAt("Activity_DeliverPackage");
	}

	private ProcessInstance start() {
		ProcessInstance returnee = runtimeService().startProcessInstanceByKey("reintegration", "AVRR-2026-000001",
				Map.of("caseId", "AVRR-2026-000001", "monitoringInterval", "PT1M"));
		assertThat(returnee).isStarted().isWaitingAt("Activity_PrepareReintegrationPlan");
		return returnee;
	}

	private void decide(DelegateExecution execution) {
		Map<String, Object> decision = this.decisions.poll();
		if (decision == null) {
			throw new IllegalStateException("decision service unavailable");
		}
		execution.setVariables(decision);
		execution.setVariable("decisionId", "decision-" + (++this.decided));
	}

	private static Map<String, Object> eligible(String approverGroup, int visits) {
		java.util.HashMap<String, Object> decision = new java.util.HashMap<>();
		decision.put("decision", "ELIGIBLE");
		decision.put("approverGroup", approverGroup);
		decision.put("monitoringVisitsLeft", visits);
		return decision;
	}

}
