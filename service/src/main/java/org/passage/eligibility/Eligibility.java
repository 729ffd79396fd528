package org.passage.eligibility;

import java.math.BigDecimal;
import java.util.HashMap;
import java.util.Map;

import org.passage.cases.Case;
import org.passage.cases.CaseFacts;
import org.passage.cases.CaseService;
import org.passage.decisions.DecisionService;
import org.passage.funds.Funds;
import org.passage.rules.decision.ApprovalLevel;
import org.passage.rules.decision.Programme;
import org.passage.rules.facts.InvalidInputException;
import org.passage.security.Roles;
import org.passage.web.InvalidRequestException;
import org.springframework.stereotype.Service;

/**
 * The money side of a case, as its steps need it: the inputs only Passage knows, the
 * check that a step leading to a decision leaves it decidable, who may approve the case's
 * current decision, and what is reserved for it. Everything comes from schema
 * {@code app}, nothing from the engine.
 */
@Service
public class Eligibility {

	private final CaseService cases;

	private final Funds funds;

	private final DecisionService decisions;

	Eligibility(CaseService cases, Funds funds, DecisionService decisions) {
		this.cases = cases;
		this.funds = funds;
		this.decisions = decisions;
	}

	/** The fund that pays a programme's decisions in the case's office this year. */
	public String fundOf(Case file, Programme programme) {
		return this.funds.currentFund(programme, file.office());
	}

	/**
	 * What the decision reads that no form gives: consent in force, the fund's balance,
	 * earlier GAF cases.
	 */
	public Map<String, Object> known(Case file, Programme programme) {
		Map<String, Object> known = new HashMap<>();
		FactContract contract = FactContract.of(programme);
		if (contract.known().contains("consent")) {
			known.put("consent", file.consentInForce());
		}
		if (contract.known().contains("fundBalance")) {
			known.put("fundBalance", this.funds.balance(fundOf(file, programme)).setScale(2));
		}
		if (contract.known().contains("priorGafCases")) {
			known.put("priorGafCases", this.funds.casesPaidFrom(Programme.GAF, this.cases.otherCasesOf(file)));
		}
		return known;
	}

	/**
	 * A form is about to be completed with {@code recorded} facts. When its completion
	 * leads to a decision, the decision's whole input must then be there and in its
	 * domain; otherwise the step is refused (400) naming each field, and nothing changes.
	 */
	public void checkDecidable(String form, Case file, Map<String, Object> recorded) {
		FactContract.decidedAfter(form).ifPresent(contract -> {
			CaseFacts facts = file.facts().with(recorded);
			try {
				contract.input(facts, known(file, contract.programme()));
			}
			catch (InvalidInputException ex) {
				throw new InvalidRequestException("The " + contract.programme() + " decision that follows this step "
						+ "cannot be made with these facts.", ex.errors());
			}
		});
	}

	/**
	 * The group that approves the case's current decision, from the recorded decision's
	 * approval level: the approval steps' candidate group is a routing hint, this is the
	 * authority.
	 */
	public String approverGroupOf(Case file, Programme programme) {
		return this.cases.currentDecision(file.reference(), programme)
			.map(made -> approverGroup(this.decisions.get(made.decisionId()).approvalLevel()))
			.orElse(null);
	}

	/**
	 * What is reserved for the case's current decision and not yet committed or released.
	 */
	public BigDecimal reservedFor(Case file, Programme programme) {
		return this.cases.currentDecision(file.reference(), programme)
			.filter(made -> made.fundId() != null)
			.map(made -> this.funds.reservedFor(file.reference(), made.fundId()))
			.orElse(BigDecimal.ZERO);
	}

	/** The role that approves at a level: the candidate group of the approval step. */
	public static String approverGroup(ApprovalLevel level) {
		if (level == null) {
			return null;
		}
		return switch (level) {
			case SUPERVISOR -> Roles.SUPERVISOR;
			case REGIONAL -> Roles.REGIONAL_APPROVER;
			case HQ -> Roles.HQ_APPROVER;
		};
	}

}
