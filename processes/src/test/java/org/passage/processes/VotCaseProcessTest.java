package org.passage.processes;

import java.util.HashMap;
import java.util.Map;

import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.test.Deployment;
import org.camunda.community.process_test_coverage.junit5.platform7.ProcessEngineCoverageExtension;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.calledProcessInstance;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.complete;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.execute;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.job;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.runtimeService;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.task;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.taskService;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.withVariables;
import static org.passage.processes.ScriptedDelegates.decided;

/** Every path of a victim-of-trafficking case, with the service's delegates scripted. */
@Deployment(resources = { "bpmn/vot-case.bpmn", "bpmn/reintegration.bpmn" })
class VotCaseProcessTest extends ScriptedProcessTest {

	@RegisterExtension
	static ProcessEngineCoverageExtension engine = ProcessEngineCoverageExtension.builder()
		.excludeProcessDefinitionKeys("reintegration")
		.assertClassCoverageAtLeast(0.9)
		.build();

	@RegisterExtension
	static CoveredNodes covered = new CoveredNodes();

	private ProcessInstance vot;

	@AfterAll
	static void everyNodeThatSpendsMoneyWasPassed() {
		covered.assertPassedAll("Activity_DecideGaf", "Activity_ApproveAssistance", "Activity_ReserveFunds",
				"Activity_DeliverAssistance", "Activity_CommitFunds", "Activity_DecideOnPendingFunds",
				"Event_FundsToppedUp", "Activity_StopAssistance");
	}

	@Test
	void anIdentifiedVictimIsApprovedFundedHelpedAndReturnsHome() {
		this.delegates.then("decideGafDelegate", decided("ELIGIBLE", "REGIONAL_APPROVER"));
		toDecision();
		execute(job());
		assertThat(this.vot).isWaitingAt("Activity_ApproveAssistance");
		assertThat(task()).hasCandidateGroup("REGIONAL_APPROVER");
		complete(task(), withVariables("approved", true));
		execute(job());
		assertThat(this.vot).isWaitingAt("Activity_DeliverAssistance");
		complete(task());
		execute(job());
		complete(task(), withVariables("solution", "RETURN"));
		assertThat(task()).hasDefinitionKey("Activity_TraceFamily");
		complete(task());
		assertThat(this.vot).isWaitingAt("Activity_Reintegration");
		ProcessInstance reintegration = calledProcessInstance();
		assertThat(reintegration).hasBusinessKey("VOT-2026-000001");
		Map<String, Object> packageWithoutApproval = new HashMap<>(decided("ELIGIBLE", null));
		packageWithoutApproval.put("monitoringVisitsLeft", 0);
		this.delegates.then("decideReintegrationPackageDelegate", packageWithoutApproval);
		complete(task(reintegration));
		execute(job(reintegration));
		complete(task(reintegration));
		execute(job(reintegration));
		assertThat(this.vot).isWaitingAt("Activity_CloseCase");
		execute(job());
		assertThat(this.vot).isEnded()
			.hasPassedInOrder("Activity_RecordConsent", "Activity_DecideGaf", "Activity_ReserveFunds",
					"Activity_CommitFunds", "Activity_Reintegration", "Event_CaseClosed");
	}

	@Test
	void lifeSavingHelpComesBeforeConsentAndARefusalEndsTheCase() {
		start();
		assertThat(task()).hasDefinitionKey("Activity_ScreenCase").hasCandidateGroup("CASE_OFFICER");
		complete(task());
		assertThat(task()).hasDefinitionKey("Activity_ProvideImmediateNeeds");
		complete(task());
		complete(task(), withVariables("consentGiven", false));
		assertThat(this.vot).isEnded().hasPassed("Event_ConsentRefused").hasNotPassed("Activity_AssessRisk");
	}

	@Test
	void missingInformationIsCollectedThenTheDecisionTakenAgain() {
		this.delegates.then("decideGafDelegate", decided("PENDING_INFO", null))
			.then("decideGafDelegate", decided("ELIGIBLE", "SUPERVISOR"));
		toDecision();
		execute(job());
		assertThat(task()).hasDefinitionKey("Activity_CollectMissingInformation").hasCandidateGroup("CASE_OFFICER");
		complete(task());
		execute(job());
		assertThat(task()).hasDefinitionKey("Activity_ApproveAssistance").hasCandidateGroup("SUPERVISOR");
		assertThat(this.delegates.calls("decideGafDelegate")).isEqualTo(2);
	}

	@Test
	void aRejectionAtApprovalGoesBackToTheOfficersPlan() {
		this.delegates.then("decideGafDelegate", decided("ELIGIBLE_INTERIM", "SUPERVISOR"));
		toDecision();
		execute(job());
		complete(task(), withVariables("approved", false));
		assertThat(task()).hasDefinitionKey("Activity_PlanAssistance").hasCandidateGroup("CASE_OFFICER");
	}

	@Test
	void theOfficerWhoPreparedTheCaseCannotClaimItsApproval() {
		this.delegates.then("decideGafDelegate", decided("ELIGIBLE", "SUPERVISOR"));
		toDecision();
		execute(job());
		String approval = task().getId();
		assertThatThrownBy(() -> taskService().claim(approval, "officer")).hasMessageContaining("four eyes");
		taskService().claim(approval, "supervisor");
		assertThat(task()).isAssignedTo("supervisor");
	}

	@Nested
	@Deployment(resources = { "bpmn/vot-case.bpmn", "bpmn/reintegration.bpmn" })
	class WhenFundsAreShort {

		@Test
		void theCaseWaitsUntilTheFundIsToppedUpThenDecidesAgain() {
			delegates.then("decideGafDelegate", decided("ELIGIBLE_PENDING_FUNDS", "SUPERVISOR"))
				.then("decideGafDelegate", decided("ELIGIBLE", "SUPERVISOR"));
			toDecision();
			execute(job());
			assertThat(task()).hasDefinitionKey("Activity_DecideOnPendingFunds").hasCandidateGroup("SUPERVISOR");
			runtimeService().createMessageCorrelation("FundsToppedUp")
				.processInstanceBusinessKey("VOT-2026-000001")
				.correlate();
			assertThat(vot).isWaitingAt("Activity_DecideGaf");
			execute(job());
			assertThat(vot).isWaitingAt("Activity_ApproveAssistance");
		}

		@Test
		void aReservationThatFailsWaitsForTheSupervisorWhoMayClose() {
			delegates.then("decideGafDelegate", decided("ELIGIBLE", "SUPERVISOR"))
				.then("reserveFundsDelegate", Map.of("fundsReserved", false));
			toDecision();
			execute(job());
			complete(task(), withVariables("approved", true));
			execute(job());
			assertThat(task()).hasDefinitionKey("Activity_DecideOnPendingFunds");
			complete(task(), withVariables("closeCase", true));
			execute(job());
			assertThat(vot).isEnded().hasPassed("Activity_CloseCase").hasNotPassed("Activity_DeliverAssistance");
		}

		@Test
		void theSupervisorMayAskForTheDecisionAgain() {
			delegates.then("decideGafDelegate", decided("ELIGIBLE_PENDING_FUNDS", "SUPERVISOR"))
				.then("decideGafDelegate", decided("NOT_ELIGIBLE", null));
			toDecision();
			execute(job());
			complete(task(), withVariables("closeCase", false));
			execute(job());
			assertThat(task()).hasDefinitionKey("Activity_ConsiderAppeal");
		}

	}

	@Test
	void aReferralIsRecordedAndEndsTheCase() {
		this.delegates.then("decideGafDelegate", decided("REFER", null));
		toDecision();
		execute(job());
		execute(job());
		assertThat(this.vot).isEnded().hasPassed("Activity_RecordReferral", "Event_CaseReferred");
		assertThat(this.delegates.calls("recordReferralDelegate")).isEqualTo(1);
	}

	@Test
	void aNotEligibleCaseClosesWhenTheSupervisorRejectsTheAppeal() {
		this.delegates.then("decideGafDelegate", decided("NOT_ELIGIBLE", null));
		toDecision();
		execute(job());
		assertThat(task()).hasDefinitionKey("Activity_ConsiderAppeal").hasCandidateGroup("SUPERVISOR");
		complete(task(), withVariables("appealUpheld", false));
		execute(job());
		assertThat(this.vot).isEnded().hasPassed("Event_CaseClosed");
	}

	@Test
	void anUpheldAppealGoesBackToThePlan() {
		this.delegates.then("decideGafDelegate", decided("NOT_ELIGIBLE", null));
		toDecision();
		execute(job());
		complete(task(), withVariables("appealUpheld", true));
		assertThat(task()).hasDefinitionKey("Activity_PlanAssistance");
	}

	@Nested
	@Deployment(resources = { "bpmn/vot-case.bpmn", "bpmn/reintegration.bpmn" })
	class DurableSolutions {

		@Test
		void stayingClosesTheCase() {
			toDurableSolution();
			complete(task(), withVariables("solution", "STAY"));
			execute(job());
			assertThat(vot).isEnded().hasNotPassed("Activity_Reintegration");
		}

		@Test
		void aThirdCountryNeedsHeadquartersAndARejectionAsksAgain() {
			toDurableSolution();
			complete(task(), withVariables("solution", "THIRD_COUNTRY"));
			assertThat(task()).hasDefinitionKey("Activity_ApproveThirdCountry").hasCandidateGroup("HQ_APPROVER");
			complete(task(), withVariables("approved", false));
			assertThat(task()).hasDefinitionKey("Activity_ChooseDurableSolution");
			complete(task(), withVariables("solution", "THIRD_COUNTRY"));
			complete(task(), withVariables("approved", true));
			execute(job());
			assertThat(vot).isEnded().hasPassed("Activity_ApproveThirdCountry", "Event_CaseClosed");
		}

	}

	@Nested
	@Deployment(resources = { "bpmn/vot-case.bpmn", "bpmn/reintegration.bpmn" })
	class WhenConsentIsWithdrawn {

		@Test
		void beforeTheDecisionNothingMoreHappens() {
			start();
			complete(task());
			complete(task());
			complete(task(), withVariables("consentGiven", true));
			withdraw();
			assertThat(vot).isEnded().hasPassed("Activity_StopAssistance").hasNotPassed("Activity_DecideGaf");
		}

		@Test
		void whileAwaitingApprovalTheApprovalIsCancelled() {
			delegates.then("decideGafDelegate", decided("ELIGIBLE", "SUPERVISOR"));
			toDecision();
			execute(job());
			withdraw();
			assertThat(vot).isEnded().hasNotPassed("Activity_ReserveFunds");
			assertThat(taskService().createTaskQuery().count()).isZero();
		}

		@Test
		void duringReintegrationTheSubProcessEndsToo() {
			toDurableSolution();
			complete(task(), withVariables("solution", "RETURN"));
			complete(task());
			assertThat(vot).isWaitingAt("Activity_Reintegration");
			withdraw();
			assertThat(vot).isEnded();
			assertThat(runtimeService().createProcessInstanceQuery().count()).isZero();
			assertThat(delegates.calls("stopAssistanceDelegate")).isEqualTo(1);
		}

		private void withdraw() {
			runtimeService().createMessageCorrelation("ConsentWithdrawn")
				.processInstanceBusinessKey("VOT-2026-000001")
				.correlate();
			assertThat(vot).isWaitingAt("Activity_StopAssistance");
			execute(job());
		}

	}

	private void start() {
		this.vot = runtimeService().startProcessInstanceByKey("vot-case", "VOT-2026-000001",
				Map.of("caseId", "VOT-2026-000001"));
		assertThat(this.vot).isStarted().isWaitingAt("Activity_ScreenCase");
	}

	/** Approved, funded and delivered: the officer now chooses a durable solution. */
	private void toDurableSolution() {
		this.delegates.then("decideGafDelegate", decided("ELIGIBLE", "SUPERVISOR"));
		toDecision();
		execute(job());
		complete(task(), withVariables("approved", true));
		execute(job());
		complete(task());
		execute(job());
		assertThat(task()).hasDefinitionKey("Activity_ChooseDurableSolution");
	}

	/**
	 * Screening, immediate needs, consent, risk and plan done: waiting for the GAF
	 * decision.
	 */
	private void toDecision() {
		start();
		complete(task());
		complete(task());
		complete(task(), withVariables("consentGiven", true));
		complete(task());
		complete(task());
		assertThat(this.vot).isWaitingAt("Activity_DecideGaf");
		assertThat(runtimeService().getVariable(this.vot.getId(), "preparedBy")).isEqualTo("officer");
	}

}
