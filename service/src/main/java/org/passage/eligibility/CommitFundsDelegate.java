package org.passage.eligibility;

import java.math.BigDecimal;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.passage.cases.CaseFile;
import org.passage.cases.Cases;
import org.passage.funds.Funds;
import org.springframework.stereotype.Component;

/**
 * After delivery: what the delivery form says was spent becomes committed and the rest of
 * the reservation goes back to the fund. Settled reservations are not touched again.
 */
@Component("commitFundsDelegate")
class CommitFundsDelegate implements JavaDelegate {

	private final Funds funds;

	private final Cases cases;

	CommitFundsDelegate(Funds funds, Cases cases) {
		this.funds = funds;
		this.cases = cases;
	}

	@Override
	public void execute(DelegateExecution execution) {
		String reference = (String) execution.getVariable("caseId");
		String fundId = (String) execution.getVariable("fundId");
		CaseFile file = this.cases.find(reference).orElseThrow(() -> new IllegalStateException("No case " + reference));
		JsonNode spent = file.facts().path("deliveredAmount");
		BigDecimal amount = spent.isNumber() ? spent.decimalValue() : BigDecimal.ZERO;
		if (fundId == null) {
			return; // a package with nothing to pay (reception only) reserved nothing
		}
		this.funds.commit(reference, fundId, amount);
		this.cases.event(reference, "process", "COMMITTED", execution.getCurrentActivityId(),
				Map.of("fund", fundId, "spent", amount.toPlainString()));
	}

}
