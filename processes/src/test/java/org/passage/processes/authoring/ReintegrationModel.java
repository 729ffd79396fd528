package org.passage.processes.authoring;

import java.io.File;

import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;

/**
 * A developer's tool, not part of the product: laid out the first version of
 * {@code bpmn/reintegration.bpmn} with Camunda's fluent builder, which also writes the
 * diagram Modeler shows. The BPMN file is the source of truth from then on; edit it in
 * Camunda Modeler. Run:
 * {@code ReintegrationModel processes/src/main/resources/bpmn/reintegration.bpmn}.
 */
public final class ReintegrationModel {

	private ReintegrationModel() {
	}

	public static void main(String[] args) {
		BpmnModelInstance model = Bpmn.createExecutableProcess("reintegration")
			.name("Reintegration package")
			.camundaHistoryTimeToLive(180)
			.startEvent("Event_ReturneeArrived")
			.name("Returnee arrived")
			.userTask("Activity_PrepareReintegrationPlan")
			.name("Prepare reintegration plan")
			.camundaCandidateGroups("CASE_OFFICER")
			.camundaFormRef("reintegration-plan")
			.camundaFormRefBinding("latest")
			.camundaTaskListenerDelegateExpression("complete", "${recordPreparerListener}")
			.serviceTask("Activity_DecideReintegrationPackage")
			.name("Decide reintegration package")
			.camundaDelegateExpression("${decideReintegrationPackageDelegate}")
			.camundaAsyncBefore()
			.camundaFailedJobRetryTimeCycle("R3/PT5M")
			.exclusiveGateway("Gateway_PackageDecided")
			.name("Package decided?")
			.condition("information missing", "${decision == 'PENDING_INFO'}")
			.userTask("Activity_CollectMissingInformation")
			.name("Collect missing information")
			.camundaCandidateGroups("CASE_OFFICER")
			.camundaFormRef("missing-information-reintegration")
			.camundaFormRefBinding("latest")
			.connectTo("Activity_DecideReintegrationPackage")
			.moveToNode("Gateway_PackageDecided")
			.condition("approval needed", "${decision != 'PENDING_INFO' && approverGroup != null}")
			.userTask("Activity_ApprovePackage")
			.name("Approve package")
			.camundaCandidateGroups("${approverGroup}")
			.camundaFormRef("approval")
			.camundaFormRefBinding("latest")
			.camundaTaskListenerDelegateExpression("assignment", "${fourEyesListener}")
			.camundaTaskListenerDelegateExpression("complete", "${fourEyesListener}")
			.exclusiveGateway("Gateway_PackageApproved")
			.name("Approved?")
			.condition("rejected", "${!approved}")
			.connectTo("Activity_PrepareReintegrationPlan")
			.moveToNode("Gateway_PackageApproved")
			.condition("approved", "${approved}")
			.serviceTask("Activity_ReserveFunds")
			.name("Reserve funds")
			.camundaDelegateExpression("${reserveFundsDelegate}")
			.camundaAsyncBefore()
			.camundaFailedJobRetryTimeCycle("R3/PT5M")
			.exclusiveGateway("Gateway_FundsReserved")
			.name("Funds reserved?")
			.condition("yes", "${fundsReserved}")
			.exclusiveGateway("Gateway_ReadyToDeliver")
			.userTask("Activity_DeliverPackage")
			.name("Deliver package")
			.camundaCandidateGroups("CASE_OFFICER")
			.camundaFormRef("delivery")
			.camundaFormRefBinding("latest")
			.serviceTask("Activity_CommitFunds")
			.name("Commit funds")
			.camundaDelegateExpression("${commitFundsDelegate}")
			.camundaAsyncBefore()
			.camundaFailedJobRetryTimeCycle("R3/PT5M")
			.exclusiveGateway("Gateway_MonitoringDue")
			.name("Monitoring visit due?")
			.condition("visits left", "${monitoringVisitsLeft > 0}")
			.intermediateCatchEvent("Event_MonitoringVisitDue")
			.name("Visit due")
			.timerWithDuration("${monitoringInterval}")
			.userTask("Activity_MonitoringVisit")
			.name("Monitoring visit")
			.camundaCandidateGroups("CASE_OFFICER")
			.camundaFormRef("monitoring-visit")
			.camundaFormRefBinding("latest")
			.camundaExecutionListenerDelegateExpression("end", "${nextMonitoringVisitListener}")
			.connectTo("Gateway_MonitoringDue")
			.moveToNode("Gateway_MonitoringDue")
			.condition("no visits left", "${monitoringVisitsLeft <= 0}")
			.endEvent("Event_ReintegrationClosed")
			.name("Reintegration closed")
			.moveToNode("Gateway_PackageDecided")
			.condition("no approval needed", "${decision != 'PENDING_INFO' && approverGroup == null}")
			.connectTo("Gateway_ReadyToDeliver")
			.moveToNode("Gateway_FundsReserved")
			.condition("no", "${!fundsReserved}")
			.userTask("Activity_DecideOnPendingFunds")
			.name("Decide while funds are short")
			.camundaCandidateGroups("SUPERVISOR")
			.camundaFormRef("pending-funds")
			.camundaFormRefBinding("latest")
			.exclusiveGateway("Gateway_PendingFundsDecided")
			.name("Supervisor's decision?")
			.condition("decide again", "${!closeCase}")
			.connectTo("Activity_DecideReintegrationPackage")
			.moveToNode("Gateway_PendingFundsDecided")
			.condition("close", "${closeCase}")
			.endEvent("Event_ClosedWithoutPackage")
			.name("Closed without a package")
			.moveToActivity("Activity_DecideOnPendingFunds")
			.boundaryEvent("Event_FundsToppedUp")
			.name("Funds topped up")
			.message("FundsToppedUp")
			.connectTo("Activity_DecideReintegrationPackage")
			.done();
		Bpmn.validateModel(model);
		Bpmn.writeModelToFile(new File(args[0]), model);
	}

}
