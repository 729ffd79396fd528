package org.passage.eligibility.process;

import java.math.BigDecimal;
import java.util.Map;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.passage.cases.Case;
import org.passage.cases.CaseDecision;
import org.passage.cases.CaseService;
import org.passage.cases.ProcessTree;
import org.passage.funds.Funds;
import org.springframework.stereotype.Component;

/**
 * After delivery: what the delivery step recorded as spent becomes committed in the fund
 * the current decision was reserved from, and the rest of the reservation goes back to
 * the fund. Settled reservations are not touched again.
 */
@Component("commitFundsDelegate")
class CommitFundsDelegate implements JavaDelegate {

	private final Funds funds;

	private final CaseService cases;

	CommitFundsDelegate(Funds funds, CaseService cases) {
		this.funds = funds;
		this.cases = cases;
	}

	@Override
	public void execute(DelegateExecution execution) {
		Case file = this.cases.ofProcess(ProcessTree.rootOf(execution));
		String fundId = this.cases
			.currentDecision(file.reference(),
					CaseService.programmeAt(file, execution.getProcessDefinitionId().split(":")[0]))
			.map(CaseDecision::fundId)
			.orElse(null);
		if (fundId == null) {
			return; // no decision paid from a fund: nothing was reserved
		}
		BigDecimal spent = this.cases.lastDelivered(file.reference());
		this.funds.commit(file.reference(), fundId, spent);
		this.cases.event(file, "process", "COMMITTED", execution.getCurrentActivityId(),
				Map.of("fund", fundId, "spent", spent.toPlainString()));
	}

}
