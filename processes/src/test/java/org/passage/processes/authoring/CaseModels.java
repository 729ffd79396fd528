package org.passage.processes.authoring;

import java.io.File;

import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.camunda.bpm.model.bpmn.builder.ProcessBuilder;
import org.camunda.bpm.model.bpmn.builder.ServiceTaskBuilder;
import org.camunda.bpm.model.bpmn.builder.UserTaskBuilder;
import org.camunda.bpm.model.bpmn.instance.FlowNode;
import org.camunda.bpm.model.bpmn.instance.ServiceTask;
import org.camunda.bpm.model.bpmn.instance.UserTask;

/**
 * A developer's tool, not part of the product: laid out the first version of the three
 * case models with Camunda's fluent builder, which also writes the diagrams Modeler
 * shows. The BPMN files are the source of truth from then on; edit them in Camunda
 * Modeler. Run: {@code CaseModels processes/src/main/resources/bpmn}.
 */
public final class CaseModels {

	private static final String RETRY = "R3/PT5M";

	private CaseModels() {
	}

	public static void main(String[] args) {
		write(args[0], "vot-case", votCase());
		write(args[0], "stranded-migrant-case", strandedMigrantCase());
		write(args[0], "avrr-case", avrrCase());
	}

	static BpmnModelInstance votCase() {
		ProcessBuilder process = Bpmn.createExecutableProcess("vot-case")
			.name("Victim of trafficking case")
			.camundaHistoryTimeToLive(180);
		BpmnModelInstance model = process.startEvent("Event_CaseOpened")
			.name("Case opened")
			.userTask("Activity_ScreenCase")
			.name("Identification and screening")
			.camundaFormRef("screening")
			// Life-saving help comes first, whatever the paperwork (G2): before consent.
			.userTask("Activity_ProvideImmediateNeeds")
			.name("Immediate needs")
			.camundaFormRef("immediate-needs")
			.userTask("Activity_RecordConsent")
			.name("Informed consent")
			.camundaFormRef("consent")
			.exclusiveGateway("Gateway_ConsentGiven")
			.name("Consent given?")
			.condition("no", "${!consentGiven}")
			.endEvent("Event_ConsentRefused")
			.name("No assistance without consent")
			.moveToNode("Gateway_ConsentGiven")
			.condition("yes", "${consentGiven}")
			.userTask("Activity_AssessRisk")
			.name("Risk assessment")
			.camundaFormRef("risk-assessment")
			.userTask("Activity_PlanAssistance")
			.name("Individual assistance plan")
			.camundaFormRef("assistance-plan")
			.camundaTaskListenerDelegateExpression("complete", "${recordPreparerListener}")
			.serviceTask("Activity_DecideGaf")
			.name("Decide GAF eligibility")
			.exclusiveGateway("Gateway_GafDecided")
			.name("GAF decision?")
			.condition("PENDING_INFO", "${decision == 'PENDING_INFO'}")
			.userTask("Activity_CollectMissingInformation")
			.name("Collect missing information")
			.camundaFormRef("missing-information")
			.connectTo("Activity_DecideGaf")
			.moveToNode("Gateway_GafDecided")
			.condition("ELIGIBLE, ELIGIBLE_INTERIM", "${decision == 'ELIGIBLE' || decision == 'ELIGIBLE_INTERIM'}")
			.userTask("Activity_ApproveAssistance")
			.name("Approve assistance")
			.camundaCandidateGroups("${approverGroup}")
			.camundaFormRef("approval")
			.exclusiveGateway("Gateway_AssistanceApproved")
			.name("Approved?")
			.condition("rejected", "${!approved}")
			.connectTo("Activity_PlanAssistance")
			.moveToNode("Gateway_AssistanceApproved")
			.condition("approved", "${approved}")
			.serviceTask("Activity_ReserveFunds")
			.name("Reserve funds")
			.exclusiveGateway("Gateway_FundsReserved")
			.name("Funds reserved?")
			.condition("yes", "${fundsReserved}")
			.userTask("Activity_DeliverAssistance")
			.name("Deliver assistance")
			.camundaFormRef("delivery")
			.serviceTask("Activity_CommitFunds")
			.name("Commit funds")
			.userTask("Activity_ChooseDurableSolution")
			.name("Durable solution")
			.camundaFormRef("durable-solution")
			.exclusiveGateway("Gateway_DurableSolution")
			.name("Which solution?")
			.condition("return", "${solution == 'RETURN'}")
			.userTask("Activity_TraceFamily")
			.name("Family tracing and assessment of the place of return")
			.camundaFormRef("family-tracing")
			.callActivity("Activity_Reintegration")
			.name("Reintegration")
			.calledElement("reintegration")
			.camundaInBusinessKey("${execution.processBusinessKey}")
			.camundaIn("caseId", "caseId")
			.exclusiveGateway("Gateway_ReadyToClose")
			.serviceTask("Activity_CloseCase")
			.name("Close case, anonymised statistics")
			.endEvent("Event_CaseClosed")
			.name("Case closed")
			.moveToNode("Gateway_DurableSolution")
			.condition("third country", "${solution == 'THIRD_COUNTRY'}")
			.userTask("Activity_ApproveThirdCountry")
			.name("Approve third-country solution")
			.camundaCandidateGroups("HQ_APPROVER")
			.camundaFormRef("approval")
			.exclusiveGateway("Gateway_ThirdCountryApproved")
			.name("Approved?")
			.condition("rejected", "${!approved}")
			.connectTo("Activity_ChooseDurableSolution")
			.moveToNode("Gateway_ThirdCountryApproved")
			.condition("approved", "${approved}")
			.connectTo("Gateway_ReadyToClose")
			.moveToNode("Gateway_DurableSolution")
			.condition("stay", "${solution == 'STAY'}")
			.connectTo("Gateway_ReadyToClose")
			.moveToNode("Gateway_GafDecided")
			.condition("REFER", "${decision == 'REFER'}")
			.serviceTask("Activity_RecordReferral")
			.name("Record referral")
			.endEvent("Event_CaseReferred")
			.name("Case referred")
			.done();
		shortOfFunds(model, "Gateway_GafDecided", "Activity_DecideGaf");
		appeal(model, "Gateway_GafDecided", "Activity_PlanAssistance");
		consentWithdrawal(model);
		return model;
	}

	static BpmnModelInstance strandedMigrantCase() {
		BpmnModelInstance model = Bpmn.createExecutableProcess("stranded-migrant-case")
			.name("Stranded migrant case")
			.camundaHistoryTimeToLive(180)
			.startEvent("Event_MigrantRegistered")
			.name("Migrant registered")
			.userTask("Activity_ProvideImmediateHelp")
			.name("Immediate help")
			.camundaFormRef("immediate-needs")
			.userTask("Activity_ScreenProtectionNeeds")
			.name("Protection screening")
			.camundaFormRef("protection-screening")
			.exclusiveGateway("Gateway_ScreeningOutcome")
			.name("Protection needs?")
			.condition("signs of trafficking", "${screening == 'TRAFFICKING'}")
			.serviceTask("Activity_OpenVotCase")
			.name("Open a linked VoT case")
			.endEvent("Event_ReferredToVotCase")
			.name("Referred to a VoT case")
			.moveToNode("Gateway_ScreeningOutcome")
			.condition("protection claim", "${screening == 'PROTECTION_CLAIM'}")
			.serviceTask("Activity_ReferToRefugeeAgency")
			.name("Refer to the refugee agency")
			.camundaDelegateExpression("${recordReferralDelegate}")
			.endEvent("Event_ReferredToRefugeeAgency")
			.name("Referred to the refugee agency")
			.moveToNode("Gateway_ScreeningOutcome")
			.condition("none", "${screening == 'NONE'}")
			.userTask("Activity_ConfirmWishToReturn")
			.name("Confirm the wish to return")
			.camundaFormRef("return-needs")
			.camundaTaskListenerDelegateExpression("complete", "${recordPreparerListener}")
			.serviceTask("Activity_DecideHasm")
			.name("Decide HASM eligibility")
			.exclusiveGateway("Gateway_HasmDecided")
			.name("HASM decision?")
			.condition("PENDING_INFO", "${decision == 'PENDING_INFO'}")
			.userTask("Activity_CollectMissingInformation")
			.name("Collect missing information")
			.camundaFormRef("missing-information-hasm")
			.connectTo("Activity_DecideHasm")
			.moveToNode("Gateway_HasmDecided")
			.condition("ELIGIBLE, ELIGIBLE_INTERIM", "${decision == 'ELIGIBLE' || decision == 'ELIGIBLE_INTERIM'}")
			.userTask("Activity_ApproveReturn")
			.name("Approve return")
			.camundaCandidateGroups("${approverGroup}")
			.camundaFormRef("approval")
			.exclusiveGateway("Gateway_ReturnApproved")
			.name("Approved?")
			.condition("rejected", "${!approved}")
			.connectTo("Activity_ConfirmWishToReturn")
			.moveToNode("Gateway_ReturnApproved")
			.condition("approved", "${approved}")
			.serviceTask("Activity_ReserveFunds")
			.name("Reserve funds")
			.exclusiveGateway("Gateway_FundsReserved")
			.name("Funds reserved?")
			.condition("yes", "${fundsReserved}")
			.userTask("Activity_ObtainTravelDocuments")
			.name("Travel documents (consular support)")
			.camundaFormRef("step-done")
			.userTask("Activity_CheckFitToTravel")
			.name("Fit-to-travel check")
			.camundaFormRef("step-done")
			.userTask("Activity_ReturnHome")
			.name("Return travel")
			.camundaFormRef("delivery")
			.serviceTask("Activity_CommitFunds")
			.name("Commit funds")
			.userTask("Activity_ReceiveOnArrival")
			.name("Arrival: onward transport, reinsertion")
			.camundaFormRef("step-done")
			.callActivity("Activity_Reintegration")
			.name("Reintegration")
			.calledElement("reintegration")
			.camundaInBusinessKey("${execution.processBusinessKey}")
			.camundaIn("caseId", "caseId")
			.exclusiveGateway("Gateway_ReadyToClose")
			.serviceTask("Activity_CloseCase")
			.name("Follow-up and closure")
			.endEvent("Event_CaseClosed")
			.name("Case closed")
			.moveToNode("Gateway_HasmDecided")
			.condition("REFER to a VoT case", "${decision == 'REFER' && route == 'VOT_ASSISTANCE'}")
			.connectTo("Activity_OpenVotCase")
			.moveToNode("Gateway_HasmDecided")
			.condition("REFER elsewhere", "${decision == 'REFER' && route != 'VOT_ASSISTANCE'}")
			.serviceTask("Activity_RecordReferral")
			.name("Record referral")
			.endEvent("Event_CaseReferred")
			.name("Case referred")
			.moveToNode("Gateway_ScreeningOutcome")
			.condition("no return wanted", "${screening == 'NO_RETURN'}")
			.connectTo("Gateway_ReadyToClose")
			.done();
		shortOfFunds(model, "Gateway_HasmDecided", "Activity_DecideHasm");
		appeal(model, "Gateway_HasmDecided", "Activity_ConfirmWishToReturn");
		// The HASM decision is due 72 hours after registration (hasmDecisionDue,
		// configurable).
		ProcessBuilder builder = new ProcessBuilder(model, model.getModelElementById("stranded-migrant-case"));
		builder.eventSubProcess("Activity_HasmDeadline")
			.startEvent("Event_HasmDecisionDue")
			.name("HASM decision due")
			.interrupting(false)
			.timerWithDuration("${hasmDecisionDue}")
			.exclusiveGateway("Gateway_HasmDecisionLate")
			.name("Still undecided?")
			.condition("yes", "${execution.getVariable('decision') == null}")
			.userTask("Activity_EscalateLateDecision")
			.name("HASM decision overdue")
			.camundaCandidateGroups("SUPERVISOR")
			.camundaFormRef("step-done")
			.endEvent("Event_EscalationHandled")
			.name("Escalation handled")
			.moveToNode("Gateway_HasmDecisionLate")
			.condition("no", "${execution.getVariable('decision') != null}")
			.endEvent("Event_DecidedInTime")
			.name("Decided in time");
		consentWithdrawal(model);
		return model;
	}

	static BpmnModelInstance avrrCase() {
		BpmnModelInstance model = Bpmn.createExecutableProcess("avrr-case")
			.name("Assisted voluntary return case")
			.camundaHistoryTimeToLive(180)
			.startEvent("Event_ReturnRequested")
			.name("Return requested (outreach)")
			.subProcess("Activity_PrepareReturn")
			.name("Before departure (voluntariness revocable)")
			.embeddedSubProcess()
			.startEvent("Event_PreparationStarted")
			.userTask("Activity_CounselReturn")
			.name("Return counselling")
			.camundaFormRef("step-done")
			.userTask("Activity_SignVoluntarinessDeclaration")
			.name("Voluntariness declaration")
			.camundaFormRef("voluntariness")
			.exclusiveGateway("Gateway_DeclarationSigned")
			.name("Signed?")
			.condition("no", "${!declarationSigned}")
			.endEvent("Event_DeclarationNotSigned")
			.name("Not signed")
			.moveToNode("Gateway_DeclarationSigned")
			.condition("yes", "${declarationSigned}")
			.userTask("Activity_AssessVulnerability")
			.name("Vulnerability assessment")
			.camundaFormRef("step-done")
			.userTask("Activity_PrepareTravel")
			.name("Documents, health assessment, travel health")
			.camundaFormRef("step-done")
			.camundaTaskListenerDelegateExpression("complete", "${recordPreparerListener}")
			.userTask("Activity_ApproveReturn")
			.name("Approve return")
			.camundaCandidateGroups("SUPERVISOR")
			.camundaFormRef("approval")
			.exclusiveGateway("Gateway_ReturnApproved")
			.name("Approved?")
			.condition("rejected", "${!approved}")
			.connectTo("Activity_PrepareTravel")
			.moveToNode("Gateway_ReturnApproved")
			.condition("approved", "${approved}")
			.endEvent("Event_ReadyToDepart")
			.name("Ready to depart")
			.subProcessDone()
			.exclusiveGateway("Gateway_ReadyToDepart")
			.name("Declaration signed?")
			.condition("yes", "${declarationSigned}")
			.userTask("Activity_Depart")
			.name("Departure, transit, arrival")
			.camundaFormRef("step-done")
			.callActivity("Activity_Reintegration")
			.name("Reintegration")
			.calledElement("reintegration")
			.camundaInBusinessKey("${execution.processBusinessKey}")
			.camundaIn("caseId", "caseId")
			.userTask("Activity_CheckSustainability")
			.name("Sustainability check")
			.camundaFormRef("step-done")
			.exclusiveGateway("Gateway_ReadyToClose")
			.serviceTask("Activity_CloseCase")
			.name("Closure")
			.endEvent("Event_CaseClosed")
			.name("Case closed")
			.moveToNode("Gateway_ReadyToDepart")
			.condition("no", "${!declarationSigned}")
			.connectTo("Gateway_ReadyToClose")
			.moveToActivity("Activity_PrepareReturn")
			.boundaryEvent("Event_VoluntarinessRevoked")
			.name("Voluntariness revoked")
			.message("VoluntarinessRevoked")
			.serviceTask("Activity_EndReturn")
			.name("End the return path")
			.camundaDelegateExpression("${stopAssistanceDelegate}")
			.endEvent("Event_ReturnEnded")
			.name("Return ended")
			.done();
		consentWithdrawal(model);
		return model;
	}

	/**
	 * Short of funds (ELIGIBLE_PENDING_FUNDS, or a reservation the ledger refused): the
	 * case waits for the supervisor, who decides again or closes it; a top-up (message
	 * FundsToppedUp) ends the wait and decides again.
	 */
	private static void shortOfFunds(BpmnModelInstance model, String decided, String decide) {
		node(model, "Gateway_FundsReserved").builder()
			.condition("no", "${!fundsReserved}")
			.userTask("Activity_DecideOnPendingFunds")
			.name("Decide while funds are short")
			.camundaCandidateGroups("SUPERVISOR")
			.camundaFormRef("pending-funds")
			.exclusiveGateway("Gateway_PendingFundsDecided")
			.name("Supervisor's decision?")
			.condition("decide again", "${!closeCase}")
			.connectTo(decide)
			.moveToNode("Gateway_PendingFundsDecided")
			.condition("close", "${closeCase}")
			.connectTo("Gateway_ReadyToClose")
			.moveToNode(decided)
			.condition("ELIGIBLE_PENDING_FUNDS", "${decision == 'ELIGIBLE_PENDING_FUNDS'}")
			.connectTo("Activity_DecideOnPendingFunds")
			.moveToActivity("Activity_DecideOnPendingFunds")
			.boundaryEvent("Event_FundsToppedUp")
			.name("Funds topped up")
			.message("FundsToppedUp")
			.connectTo(decide);
	}

	/**
	 * NOT_ELIGIBLE: the supervisor may uphold an appeal (back to {@code replan}) or close
	 * the case.
	 */
	private static void appeal(BpmnModelInstance model, String decided, String replan) {
		node(model, decided).builder()
			.condition("NOT_ELIGIBLE", "${decision == 'NOT_ELIGIBLE'}")
			.userTask("Activity_ConsiderAppeal")
			.name("Consider an appeal")
			.camundaCandidateGroups("SUPERVISOR")
			.camundaFormRef("appeal")
			.exclusiveGateway("Gateway_AppealUpheld")
			.name("Appeal upheld?")
			.condition("yes", "${appealUpheld}")
			.connectTo(replan)
			.moveToNode("Gateway_AppealUpheld")
			.condition("no", "${!appealUpheld}")
			.connectTo("Gateway_ReadyToClose");
	}

	private static FlowNode node(BpmnModelInstance model, String id) {
		return model.getModelElementById(id);
	}

	/**
	 * Withdrawn consent stops assistance at any point: an interrupting event sub-process.
	 */
	private static void consentWithdrawal(BpmnModelInstance model) {
		org.camunda.bpm.model.bpmn.instance.Process process = model
			.getModelElementsByType(org.camunda.bpm.model.bpmn.instance.Process.class)
			.iterator()
			.next();
		new ProcessBuilder(model, process).eventSubProcess("Activity_ConsentWithdrawal")
			.startEvent("Event_ConsentWithdrawn")
			.name("Consent withdrawn")
			.message("ConsentWithdrawn")
			.serviceTask("Activity_StopAssistance")
			.name("Stop assistance, release funds")
			.endEvent("Event_AssistanceStopped")
			.name("Assistance stopped");
	}

	/**
	 * What every case model shares, applied once the layout is done: a user task without
	 * candidate groups is the case officer's; forms bind to their latest version;
	 * approvals (form {@code approval}) carry the four-eyes listeners; every service task
	 * is asyncBefore with a retry cycle and, unless it names one, calls the delegate its
	 * id names ({@code Activity_DecideGaf} calls {@code ${decideGafDelegate}}).
	 */
	static void applyConventions(BpmnModelInstance model) {
		for (UserTask task : model.getModelElementsByType(UserTask.class)) {
			UserTaskBuilder step = task.builder();
			if (task.getCamundaCandidateGroups() == null) {
				step.camundaCandidateGroups("CASE_OFFICER");
			}
			step.camundaFormRefBinding("latest");
			if ("approval".equals(task.getCamundaFormRef())) {
				step.camundaTaskListenerDelegateExpression("assignment", "${fourEyesListener}")
					.camundaTaskListenerDelegateExpression("complete", "${fourEyesListener}");
			}
		}
		for (ServiceTask task : model.getModelElementsByType(ServiceTask.class)) {
			ServiceTaskBuilder step = task.builder();
			if (task.getCamundaDelegateExpression() == null) {
				String name = task.getId().substring("Activity_".length());
				step.camundaDelegateExpression(
						"${" + Character.toLowerCase(name.charAt(0)) + name.substring(1) + "Delegate}");
			}
			step.camundaAsyncBefore().camundaFailedJobRetryTimeCycle(RETRY);
		}
	}

	private static void write(String folder, String key, BpmnModelInstance model) {
		applyConventions(model);
		Bpmn.validateModel(model);
		Bpmn.writeModelToFile(new File(folder, key + ".bpmn"), model);
	}

}
