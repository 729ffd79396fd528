package org.passage.eligibility.process;

import java.math.BigDecimal;
import java.util.Map;
import java.util.Set;

import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.passage.cases.Approval;
import org.passage.cases.Case;
import org.passage.cases.CaseDecision;
import org.passage.cases.CaseService;
import org.passage.rules.decision.Programme;
import org.passage.cases.ProcessTree;
import org.passage.decisions.DecisionService;
import org.passage.decisions.DecisionView;
import org.passage.funds.Funds;
import org.passage.rules.decision.Eligibility;
import org.springframework.stereotype.Component;

/**
 * After approval: reserves what the case's current decision granted, from the fund it was
 * decided against, both as recorded in schema {@code app}, and only if that decision is
 * eligible and, where it names an approval level, approved by someone other than its
 * preparer (recorded by Passage). The ledger refuses what the fund cannot pay (the case
 * then waits for funds); a job run twice reserves once. No process variable can change
 * what or whether this reserves.
 */
@Component("reserveFundsDelegate")
class ReserveFundsDelegate implements JavaDelegate {

	private static final Set<Eligibility> RESERVABLE = Set.of(Eligibility.ELIGIBLE, Eligibility.ELIGIBLE_INTERIM);

	private final Funds funds;

	private final CaseService cases;

	private final DecisionService decisions;

	private final IdentityService identity;

	ReserveFundsDelegate(Funds funds, CaseService cases, DecisionService decisions, IdentityService identity) {
		this.funds = funds;
		this.cases = cases;
		this.decisions = decisions;
		this.identity = identity;
	}

	@Override
	public void execute(DelegateExecution execution) {
		Case file = this.cases.ofProcess(ProcessTree.rootOf(execution));
		Programme programme = CaseService.programmeAt(file, execution.getProcessDefinitionId().split(":")[0]);
		CaseDecision made = this.cases.currentDecision(file.reference(), programme)
			.orElseThrow(() -> new IllegalStateException(file.reference() + " has no decision to reserve for"));
		DecisionView decision = this.decisions.get(made.decisionId());
		if (!RESERVABLE.contains(decision.decision())) {
			throw new IllegalStateException(
					"Decision " + made.decisionId() + " is " + decision.decision() + ": there is nothing to reserve");
		}
		if (decision.approvalLevel() != null) {
			Approval approval = this.cases.approvalOf(made.decisionId())
				.filter(Approval::approved)
				.orElseThrow(() -> new IllegalStateException(
						"Decision " + made.decisionId() + " has no approval recorded by Passage: nothing is reserved"));
			if (approval.preparedBy() == null || approval.approver().equals(approval.preparedBy())) {
				throw new IllegalStateException("Decision " + made.decisionId() + " lacks a second pair of eyes");
			}
			String group = org.passage.eligibility.Eligibility.approverGroup(decision.approvalLevel());
			if (this.identity.createUserQuery().userId(approval.approver()).memberOfGroup(group).count() == 0) {
				throw new IllegalStateException("Decision " + made.decisionId() + " needs approval at "
						+ decision.approvalLevel() + ", and " + approval.approver() + " is not in " + group);
			}
		}
		BigDecimal amount = decision.grantedAmount();
		// Once per decision, not per job: a token moved back before this step reserves
		// nothing more.
		Funds.Reserved outcome = this.funds.reserve("decision:" + made.decisionId(), made.fundId(), file.reference(),
				amount);
		execution.setVariable("fundsReserved", outcome == Funds.Reserved.RESERVED);
		this.cases.event(file, "process", outcome.name(), execution.getCurrentActivityId(),
				Map.of("fund", made.fundId(), "amount", amount.toPlainString()));
	}

}
