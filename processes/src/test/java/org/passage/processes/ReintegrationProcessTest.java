package org.passage.processes;

import java.util.Map;

import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.test.Deployment;
import org.camunda.community.process_test_coverage.junit5.platform7.ProcessEngineCoverageExtension;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.complete;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.execute;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.job;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.managementService;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.runtimeService;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.task;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.withVariables;
import static org.passage.processes.ScriptedDelegates.decided;

/**
 * The shared reintegration sub-process, on an in-memory engine with the service's
 * delegates scripted: each test is one path a returnee's package can take.
 */
@Deployment(resources = "bpmn/reintegration.bpmn")
class ReintegrationProcessTest extends ScriptedProcessTest {

	@RegisterExtension
	static ProcessEngineCoverageExtension engine = ProcessEngineCoverageExtension.builder()
		.assertClassCoverageAtLeast(0.9)
		.build();

	@RegisterExtension
	static CoveredNodes covered = new CoveredNodes();

	private ProcessInstance returnee;

	@AfterAll
	static void everyNodeThatSpendsMoneyWasPassed() {
		covered.assertPassedAll("Activity_DecideReintegrationPackage", "Activity_ApprovePackage",
				"Activity_ReserveFunds", "Activity_DeliverPackage", "Activity_CommitFunds",
				"Activity_DecideOnPendingFunds", "Event_FundsToppedUp", "Event_ClosedWithoutPackage");
	}

	@Test
	void aPackageApprovedBySupervisorIsFundedDeliveredThenMonitoredTwice() {
		this.delegates.then("decideReintegrationPackageDelegate", eligible("SUPERVISOR", 2));
		start();
		complete(task());
		assertThat(this.returnee).isWaitingAt("Activity_DecideReintegrationPackage");
		execute(job());
		assertThat(this.returnee).isWaitingAt("Activity_ApprovePackage");
		assertThat(task()).hasCandidateGroup("SUPERVISOR");
		complete(task(), withVariables("approved", true));
		assertThat(this.returnee).isWaitingAt("Activity_ReserveFunds");
		execute(job());
		assertThat(this.returnee).isWaitingAt("Activity_DeliverPackage");
		complete(task());
		execute(job());
		for (int visit = 0; visit < 2; visit++) {
			assertThat(this.returnee).isWaitingAt("Event_MonitoringVisitDue");
			execute(job());
			assertThat(task()).hasDefinitionKey("Activity_MonitoringVisit").hasCandidateGroup("CASE_OFFICER");
			complete(task());
		}
		assertThat(this.returnee).isEnded()
			.hasPassedInOrder("Activity_ReserveFunds", "Activity_DeliverPackage", "Activity_CommitFunds",
					"Event_ReintegrationClosed");
	}

	@Test
	void aPackageNeedingNoApprovalNorMonitoringGoesStraightToDelivery() {
		this.delegates.then("decideReintegrationPackageDelegate", eligible(null, 0));
		start();
		complete(task());
		execute(job());
		assertThat(this.returnee).isWaitingAt("Activity_DeliverPackage").hasNotPassed("Activity_ApprovePackage");
		complete(task());
		execute(job());
		assertThat(this.returnee).isEnded();
	}

	@Test
	void regionalAndHeadquartersApprovalsGoToTheirGroups() {
		this.delegates.then("decideReintegrationPackageDelegate", eligible("REGIONAL_APPROVER", 0))
			.then("decideReintegrationPackageDelegate", eligible("HQ_APPROVER", 0));
		start();
		complete(task());
		execute(job());
		assertThat(task()).hasCandidateGroup("REGIONAL_APPROVER");
		complete(task(), withVariables("approved", false));
		assertThat(task()).hasDefinitionKey("Activity_PrepareReintegrationPlan").hasCandidateGroup("CASE_OFFICER");
		complete(task());
		execute(job());
		assertThat(task()).hasCandidateGroup("HQ_APPROVER");
	}

	@Test
	void missingInformationIsCollectedAndTheDecisionTakenAgain() {
		this.delegates.then("decideReintegrationPackageDelegate", decided("PENDING_INFO", null))
			.then("decideReintegrationPackageDelegate", eligible("SUPERVISOR", 0));
		start();
		complete(task());
		execute(job());
		assertThat(this.returnee).isWaitingAt("Activity_CollectMissingInformation");
		assertThat(task()).hasCandidateGroup("CASE_OFFICER");
		complete(task());
		execute(job());
		assertThat(this.returnee).isWaitingAt("Activity_ApprovePackage");
		assertThat(runtimeService().getVariable(this.returnee.getId(), "decisionId")).isEqualTo("decision-2");
	}

	@Test
	void whenTheFundCannotPayTheSupervisorWaitsForATopUpOrCloses() {
		this.delegates.then("decideReintegrationPackageDelegate", eligible("SUPERVISOR", 0))
			.then("reserveFundsDelegate", Map.of("fundsReserved", false))
			.then("decideReintegrationPackageDelegate", eligible("SUPERVISOR", 0))
			.then("reserveFundsDelegate", Map.of("fundsReserved", false));
		start();
		complete(task());
		execute(job());
		complete(task(), withVariables("approved", true));
		execute(job());
		assertThat(task()).hasDefinitionKey("Activity_DecideOnPendingFunds").hasCandidateGroup("SUPERVISOR");
		runtimeService().createMessageCorrelation("FundsToppedUp")
			.processInstanceBusinessKey("AVRR-2026-000001")
			.correlate();
		execute(job());
		complete(task(), withVariables("approved", true));
		execute(job());
		complete(task(), withVariables("closeCase", false));
		assertThat(this.returnee).isWaitingAt("Activity_DecideReintegrationPackage");
		this.delegates.then("decideReintegrationPackageDelegate", eligible("SUPERVISOR", 0))
			.then("reserveFundsDelegate", Map.of("fundsReserved", false));
		execute(job());
		complete(task(), withVariables("approved", true));
		execute(job());
		complete(task(), withVariables("closeCase", true));
		assertThat(this.returnee).isEnded().hasPassed("Event_ClosedWithoutPackage");
	}

	@Test
	void theOfficersClickCommitsBeforeTheDecisionRuns() {
		start();
		complete(task()); // no decision scripted: the delegate would fail, but it has not
							// run yet
		assertThat(this.returnee).isWaitingAt("Activity_DecideReintegrationPackage");
		assertThat(job()).isNotNull();
	}

	@Test
	void aDecisionThatKeepsFailingBecomesAnIncidentAfterThreeTries() {
		start();
		complete(task());
		for (int attempt = 1; attempt <= 3; attempt++) {
			Job failing = job();
			assertThatThrownBy(() -> managementService().executeJob(failing.getId()))
				.hasMessageContaining("decision service unavailable");
		}
		assertThat(job().getRetries()).isZero();
		assertThat(runtimeService().createIncidentQuery().processInstanceId(this.returnee.getId()).count())
			.isEqualTo(1);
		this.delegates.then("decideReintegrationPackageDelegate", eligible(null, 0));
		managementService().setJobRetries(job().getId(), 1);
		execute(job());
		assertThat(this.returnee).isWaitingAt("Activity_DeliverPackage");
	}

	private void start() {
		this.returnee = runtimeService().startProcessInstanceByKey("reintegration", "AVRR-2026-000001",
				Map.of("caseId", "AVRR-2026-000001", "monitoringInterval", "PT1M"));
		assertThat(this.returnee).isStarted().isWaitingAt("Activity_PrepareReintegrationPlan");
	}

	private static Map<String, Object> eligible(String approverGroup, int visits) {
		Map<String, Object> decision = decided("ELIGIBLE", approverGroup);
		decision.put("monitoringVisitsLeft", visits);
		return decision;
	}

}
