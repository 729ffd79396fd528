package org.passage.eligibility.process;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.passage.cases.CaseService;
import org.passage.cases.ProcessEffects;
import org.passage.decisions.DecisionService;
import org.passage.eligibility.Eligibility;
import org.passage.rules.decision.Programme;
import org.springframework.stereotype.Component;

/** The GAF decision of a VoT case. */
@Component("decideGafDelegate")
class DecideGafDelegate extends DecisionStep {

	DecideGafDelegate(CaseService cases, Eligibility eligibility, DecisionService decisions, ProcessEffects effects,
			ObjectMapper json) {
		super(Programme.GAF, cases, eligibility, decisions, effects, json);
	}

}
