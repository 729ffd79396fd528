package org.passage.processes;

import java.util.HashMap;
import java.util.Map;

import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.test.Deployment;
import org.camunda.community.process_test_coverage.junit5.platform7.ProcessEngineCoverageExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.calledProcessInstance;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.complete;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.execute;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.job;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.runtimeService;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.task;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.withVariables;
import static org.passage.processes.ScriptedDelegates.decided;

/** Every path of an assisted voluntary return, with the service's delegates scripted. */
@Deployment(resources = { "bpmn/avrr-case.bpmn", "bpmn/reintegration.bpmn" })
class AvrrCaseProcessTest extends ScriptedProcessTest {

	private static final String CASE = "AVRR-2026-000001";

	@RegisterExtension
	static ProcessEngineCoverageExtension engine = ProcessEngineCoverageExtension.builder()
		.excludeProcessDefinitionKeys("reintegration")
		.assertClassCoverageAtLeast(0.9)
		.build();

	private ProcessInstance avrr;

	@Test
	void aVoluntaryReturnIsApprovedByASecondPersonThenReintegrated() {
		toApproval();
		assertThat(task()).hasCandidateGroup("SUPERVISOR");
		complete(task(), withVariables("approved", false));
		assertThat(task()).hasDefinitionKey("Activity_PrepareTravel");
		complete(task());
		complete(task(), withVariables("approved", true));
		assertThat(task()).hasDefinitionKey("Activity_Depart");
		complete(task());
		ProcessInstance reintegration = calledProcessInstance();
		Map<String, Object> noApproval = new HashMap<>(decided("ELIGIBLE", null));
		noApproval.put("monitoringVisitsLeft", 0);
		this.delegates.then("decideReintegrationPackageDelegate", noApproval);
		complete(task(reintegration));
		execute(job(reintegration));
		complete(task(reintegration));
		execute(job(reintegration));
		assertThat(this.avrr).isWaitingAt("Activity_CheckSustainability");
		complete(task());
		execute(job());
		assertThat(this.avrr).isEnded()
			.hasPassedInOrder("Activity_SignVoluntarinessDeclaration", "Activity_ApproveReturn", "Activity_Depart",
					"Activity_Reintegration", "Event_CaseClosed");
	}

	@Test
	void anUnsignedDeclarationEndsTheReturn() {
		start();
		complete(task());
		complete(task(), withVariables("declarationSigned", false));
		execute(job());
		assertThat(this.avrr).isEnded().hasNotPassed("Activity_Depart");
	}

	@Test
	void revokingVoluntarinessBeforeDepartureEndsTheReturnPath() {
		toApproval();
		runtimeService().createMessageCorrelation("VoluntarinessRevoked").processInstanceBusinessKey(CASE).correlate();
		assertThat(this.avrr).isWaitingAt("Activity_EndReturn");
		execute(job());
		assertThat(this.avrr).isEnded().hasPassed("Event_ReturnEnded").hasNotPassed("Activity_Depart");
	}

	@Test
	void withdrawnConsentStopsAssistanceAfterDeparture() {
		toApproval();
		complete(task(), withVariables("approved", true));
		complete(task());
		runtimeService().createMessageCorrelation("ConsentWithdrawn").processInstanceBusinessKey(CASE).correlate();
		execute(job());
		assertThat(this.avrr).isEnded().hasPassed("Event_AssistanceStopped");
	}

	private void start() {
		this.avrr = runtimeService().startProcessInstanceByKey("avrr-case", CASE, Map.of("caseId", CASE));
		assertThat(this.avrr).isWaitingAt("Activity_CounselReturn");
	}

	private void toApproval() {
		start();
		complete(task());
		complete(task(), withVariables("declarationSigned", true));
		complete(task());
		complete(task());
		assertThat(this.avrr).isWaitingAt("Activity_ApproveReturn");
	}

}
