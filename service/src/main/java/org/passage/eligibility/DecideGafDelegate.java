package org.passage.eligibility;

import java.util.List;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.passage.cases.CaseFile;
import org.passage.cases.Cases;
import org.passage.cases.ProcessEffects;
import org.passage.decisions.DecisionService;
import org.passage.funds.Funds;
import org.passage.rules.decision.Programme;
import org.springframework.stereotype.Component;

/** The GAF decision of a VoT case. */
@Component("decideGafDelegate")
class DecideGafDelegate extends DecisionStep {

	DecideGafDelegate(Cases cases, Funds funds, DecisionService decisions, ProcessEffects effects, ObjectMapper json) {
		super(Programme.GAF, cases, funds, decisions, effects, json);
	}

	@Override
	void addKnownInputs(ObjectNode input, CaseFile file, String fundId) {
		input.put("consent", consent(this.cases.consents(file.reference())));
		input.put("fundBalance", money(this.funds.balance(fundId)));
		input.put("priorGafCases", this.cases.priorGafCases(file));
	}

	/** The consent in force: the latest record decides; none yet is PENDING. */
	static String consent(List<Cases.Consent> records) {
		if (records.isEmpty()) {
			return "PENDING";
		}
		Cases.Consent latest = records.get(records.size() - 1);
		if (latest.withdrawnAt() != null) {
			return "WITHDRAWN";
		}
		return latest.given() ? "GIVEN" : "REFUSED";
	}

}
