package org.passage.eligibility;

import java.math.BigDecimal;
import java.util.Map;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.passage.cases.Cases;
import org.passage.cases.ProcessEffects;
import org.passage.funds.Funds;
import org.springframework.stereotype.Component;

/**
 * After approval: reserves the granted amount in the fund the decision named. The ledger
 * refuses what the fund cannot pay (the case then waits for funds); a job run twice
 * reserves once.
 */
@Component("reserveFundsDelegate")
class ReserveFundsDelegate implements JavaDelegate {

	private final Funds funds;

	private final Cases cases;

	private final ProcessEffects effects;

	ReserveFundsDelegate(Funds funds, Cases cases, ProcessEffects effects) {
		this.funds = funds;
		this.cases = cases;
		this.effects = effects;
	}

	@Override
	public void execute(DelegateExecution execution) {
		String reference = (String) execution.getVariable("caseId");
		String fundId = (String) execution.getVariable("fundId");
		BigDecimal amount = new BigDecimal((String) execution.getVariable("grantedAmount"));
		Funds.Reserved outcome = this.funds.reserve(this.effects.keyOf(execution), fundId, reference, amount);
		execution.setVariable("fundsReserved", outcome == Funds.Reserved.RESERVED);
		this.cases.event(reference, "process", outcome.name(), execution.getCurrentActivityId(),
				Map.of("fund", fundId, "amount", amount.toPlainString()));
	}

}
