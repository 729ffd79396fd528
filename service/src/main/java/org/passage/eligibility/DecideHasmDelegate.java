package org.passage.eligibility;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.passage.cases.CaseFile;
import org.passage.cases.Cases;
import org.passage.cases.ProcessEffects;
import org.passage.decisions.DecisionService;
import org.passage.funds.Funds;
import org.passage.rules.decision.Programme;
import org.springframework.stereotype.Component;

/** The HASM decision of a stranded migrant's case. */
@Component("decideHasmDelegate")
class DecideHasmDelegate extends DecisionStep {

	DecideHasmDelegate(Cases cases, Funds funds, DecisionService decisions, ProcessEffects effects, ObjectMapper json) {
		super(Programme.HASM, cases, funds, decisions, effects, json);
	}

	@Override
	void addKnownInputs(ObjectNode input, CaseFile file, String fundId) {
		input.put("fundBalance", money(this.funds.balance(fundId)));
	}

}
