package org.passage.cases;

import java.util.Set;

/**
 * The only variables Passage's processes hold (ADR 0006): ids and routing flags. Camunda
 * copies variables into its history and lets operators change them, so none carries
 * personal data or authority: money, preparers, approvals, consent and deliveries are
 * read from schema {@code app} by the step that needs them. The case ITs check every
 * variable the engine stored against this.
 */
public final class ProcessVariables {

	/**
	 * Ids: which case, decision and fund a process is about (informational; steps find
	 * their case by process).
	 */
	public static final Set<String> IDS = Set.of("caseId", "decisionId", "fundId");

	/**
	 * Routing: which way a gateway goes, which group's inbox a step appears in, when a
	 * timer fires.
	 */
	public static final Set<String> ROUTING = Set.of("decision", "route", "approverGroup", "fundsReserved",
			"consentGiven", "approved", "solution", "closeCase", "appealUpheld", "screening", "declarationSigned",
			"hasmDecisionDue", "monitoringMonths", "monitoringVisitsLeft", "monitoringInterval");

	public static boolean allowed(String name) {
		return IDS.contains(name) || ROUTING.contains(name);
	}

	private ProcessVariables() {
	}

}
