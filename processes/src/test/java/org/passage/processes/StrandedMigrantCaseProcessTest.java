package org.passage.processes;

import java.util.HashMap;
import java.util.Map;

import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.test.Deployment;
import org.camunda.community.process_test_coverage.junit5.platform7.ProcessEngineCoverageExtension;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.calledProcessInstance;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.complete;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.execute;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.job;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.jobQuery;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.managementService;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.runtimeService;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.task;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.taskQuery;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.withVariables;
import static org.passage.processes.ScriptedDelegates.decided;

/** Every path of a stranded migrant's case, with the service's delegates scripted. */
@Deployment(resources = { "bpmn/stranded-migrant-case.bpmn", "bpmn/reintegration.bpmn" })
class StrandedMigrantCaseProcessTest extends ScriptedProcessTest {

	private static final String CASE = "SM-2026-000001";

	@RegisterExtension
	static ProcessEngineCoverageExtension engine = ProcessEngineCoverageExtension.builder()
		.excludeProcessDefinitionKeys("reintegration")
		.assertClassCoverageAtLeast(0.9)
		.build();

	@RegisterExtension
	static CoveredNodes covered = new CoveredNodes();

	private ProcessInstance migrant;

	@AfterAll
	static void everyNodeThatSpendsMoneyWasPassed() {
		covered.assertPassedAll("Activity_DecideHasm", "Activity_ApproveReturn", "Activity_ReserveFunds",
				"Activity_ReturnHome", "Activity_CommitFunds", "Activity_DecideOnPendingFunds", "Event_FundsToppedUp",
				"Activity_StopAssistance");
	}

	@Test
	void aDesperateMigrantIsReturnedHomeWithAReintegrationPackage() {
		this.delegates.then("decideHasmDelegate", decided("ELIGIBLE", "SUPERVISOR"));
		toDecision();
		step();
		assertThat(task()).hasDefinitionKey("Activity_ApproveReturn").hasCandidateGroup("SUPERVISOR");
		complete(task(), withVariables("approved", true));
		step();
		for (String step : new String[] { "Activity_ObtainTravelDocuments", "Activity_CheckFitToTravel",
				"Activity_ReturnHome" }) {
			assertThat(task()).hasDefinitionKey(step).hasCandidateGroup("CASE_OFFICER");
			complete(task());
		}
		step();
		complete(task());
		assertThat(this.migrant).isWaitingAt("Activity_Reintegration");
		ProcessInstance reintegration = calledProcessInstance();
		Map<String, Object> noApproval = new HashMap<>(decided("ELIGIBLE", null));
		noApproval.put("monitoringVisitsLeft", 0);
		this.delegates.then("decideReintegrationPackageDelegate", noApproval);
		complete(task(reintegration));
		execute(job(reintegration));
		complete(task(reintegration));
		execute(job(reintegration));
		step();
		assertThat(this.migrant).isEnded()
			.hasPassedInOrder("Activity_DecideHasm", "Activity_ReserveFunds", "Activity_ReturnHome",
					"Activity_CommitFunds", "Activity_ReceiveOnArrival", "Activity_Reintegration", "Event_CaseClosed");
	}

	@Test
	void signsOfTraffickingOpenALinkedVotCase() {
		start();
		complete(task());
		complete(task(), withVariables("screening", "TRAFFICKING"));
		step();
		assertThat(this.migrant).isEnded().hasPassed("Activity_OpenVotCase", "Event_ReferredToVotCase");
	}

	@Test
	void aProtectionClaimIsReferredToTheRefugeeAgency() {
		start();
		complete(task());
		complete(task(), withVariables("screening", "PROTECTION_CLAIM"));
		step();
		assertThat(this.migrant).isEnded().hasPassed("Event_ReferredToRefugeeAgency");
	}

	@Test
	void noWishToReturnClosesTheCase() {
		start();
		complete(task());
		complete(task(), withVariables("screening", "NO_RETURN"));
		step();
		assertThat(this.migrant).isEnded().hasNotPassed("Activity_DecideHasm");
	}

	@Test
	void aHasmReferralToVotAssistanceOpensALinkedVotCaseOtherReferralsAreRecorded() {
		this.delegates.then("decideHasmDelegate", referral("VOT_ASSISTANCE"));
		toDecision();
		step();
		step();
		assertThat(this.migrant).isEnded().hasPassed("Activity_OpenVotCase");
		this.delegates.then("decideHasmDelegate", referral("REFUGEE_AGENCY"));
		toDecision();
		step();
		step();
		assertThat(this.migrant).isEnded().hasPassed("Activity_RecordReferral", "Event_CaseReferred");
	}

	@Test
	void missingInformationThenRejectionThenPendingFundsThenTopUp() {
		this.delegates.then("decideHasmDelegate", decided("PENDING_INFO", null))
			.then("decideHasmDelegate", decided("ELIGIBLE", "SUPERVISOR"))
			.then("decideHasmDelegate", decided("ELIGIBLE_PENDING_FUNDS", "SUPERVISOR"))
			.then("decideHasmDelegate", decided("ELIGIBLE", "SUPERVISOR"))
			.then("reserveFundsDelegate", Map.of("fundsReserved", false))
			.then("decideHasmDelegate", decided("NOT_ELIGIBLE", null));
		toDecision();
		step();
		assertThat(task()).hasDefinitionKey("Activity_CollectMissingInformation");
		complete(task());
		step();
		complete(task(), withVariables("approved", false));
		assertThat(task()).hasDefinitionKey("Activity_ConfirmWishToReturn");
		complete(task());
		step();
		assertThat(task()).hasDefinitionKey("Activity_DecideOnPendingFunds");
		runtimeService().createMessageCorrelation("FundsToppedUp").processInstanceBusinessKey(CASE).correlate();
		step();
		complete(task(), withVariables("approved", true));
		step();
		assertThat(task()).hasDefinitionKey("Activity_DecideOnPendingFunds");
		complete(task(), withVariables("closeCase", false));
		step();
		assertThat(task()).hasDefinitionKey("Activity_ConsiderAppeal");
		complete(task(), withVariables("appealUpheld", true));
		assertThat(task()).hasDefinitionKey("Activity_ConfirmWishToReturn");
	}

	@Test
	void theSupervisorClosesANotEligibleOrUnfundedCase() {
		this.delegates.then("decideHasmDelegate", decided("NOT_ELIGIBLE", null));
		toDecision();
		step();
		complete(task(), withVariables("appealUpheld", false));
		step();
		assertThat(this.migrant).isEnded();
		this.delegates.then("decideHasmDelegate", decided("ELIGIBLE_PENDING_FUNDS", "SUPERVISOR"));
		toDecision();
		step();
		complete(task(), withVariables("closeCase", true));
		step();
		assertThat(this.migrant).isEnded().hasPassed("Event_CaseClosed");
	}

	@Test
	void aLateDecisionIsEscalatedToTheSupervisor() {
		toDecision();
		Job deadline = jobQuery().timers().activityId("Event_HasmDecisionDue").singleResult();
		assertThat(deadline).as("the 72-hour timer starts at registration").isNotNull();
		execute(deadline);
		assertThat(taskQuery().taskDefinitionKey("Activity_EscalateLateDecision").singleResult().getId()).isNotNull();
		assertThat(taskQuery().taskDefinitionKey("Activity_EscalateLateDecision").singleResult())
			.hasCandidateGroup("SUPERVISOR");
		complete(taskQuery().taskDefinitionKey("Activity_EscalateLateDecision").singleResult());
		assertThat(this.migrant).isWaitingAt("Activity_DecideHasm");
	}

	@Test
	void aDecisionInTimeIsNotEscalated() {
		this.delegates.then("decideHasmDelegate", decided("ELIGIBLE", "SUPERVISOR"));
		toDecision();
		execute(jobQuery().activityId("Activity_DecideHasm").singleResult());
		execute(jobQuery().timers().activityId("Event_HasmDecisionDue").singleResult());
		assertThat(this.migrant).hasPassed("Event_DecidedInTime");
		assertThat(taskQuery().taskDefinitionKey("Activity_EscalateLateDecision").count()).isZero();
	}

	@Test
	void withdrawnConsentStopsTheReturn() {
		this.delegates.then("decideHasmDelegate", decided("ELIGIBLE", "SUPERVISOR"));
		toDecision();
		execute(jobQuery().activityId("Activity_DecideHasm").singleResult());
		runtimeService().createMessageCorrelation("ConsentWithdrawn").processInstanceBusinessKey(CASE).correlate();
		execute(jobQuery().activityId("Activity_StopAssistance").singleResult());
		assertThat(this.migrant).isEnded().hasPassed("Event_AssistanceStopped");
		assertThat(managementService().createJobQuery().count()).isZero();
	}

	/**
	 * Runs the async step the case is waiting at (the 72-hour timer is a job too, but not
	 * this one).
	 */
	private void step() {
		execute(jobQuery().processInstanceId(this.migrant.getId()).messages().singleResult());
	}

	private void start() {
		this.migrant = runtimeService().startProcessInstanceByKey("stranded-migrant-case", CASE,
				Map.of("caseId", CASE, "hasmDecisionDue", "PT72H"));
		assertThat(this.migrant).isWaitingAt("Activity_ProvideImmediateHelp");
	}

	private void toDecision() {
		start();
		complete(task());
		complete(task(), withVariables("screening", "NONE"));
		complete(task());
		assertThat(this.migrant).isWaitingAt("Activity_DecideHasm");
	}

	private static Map<String, Object> referral(String route) {
		Map<String, Object> decision = decided("REFER", null);
		decision.put("route", route);
		return decision;
	}

}
