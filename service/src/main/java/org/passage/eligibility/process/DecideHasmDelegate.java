package org.passage.eligibility.process;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.passage.cases.CaseService;
import org.passage.cases.ProcessEffects;
import org.passage.decisions.DecisionService;
import org.passage.eligibility.Eligibility;
import org.passage.rules.decision.Programme;
import org.springframework.stereotype.Component;

/** The HASM decision of a stranded migrant's case. */
@Component("decideHasmDelegate")
class DecideHasmDelegate extends DecisionStep {

	DecideHasmDelegate(CaseService cases, Eligibility eligibility, DecisionService decisions, ProcessEffects effects,
			ObjectMapper json) {
		super(Programme.HASM, cases, eligibility, decisions, effects, json);
	}

}
