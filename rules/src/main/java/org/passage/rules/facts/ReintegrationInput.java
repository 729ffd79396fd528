package org.passage.rules.facts;

import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/** The facts of a reintegration package decision (reference policy v1, section 2.3). */
public record ReintegrationInput(Pathway pathway, Set<Vulnerability> vulnerabilities,
		@Bounds(min = "1", max = "10") int adults, @Bounds(max = "10") int children, ReturnContext returnContext,
		ReintegrationPlan plan, boolean businessPlanAssessed, @Bounds(max = "100") int contributionPct,
		RiskLevel reTraffickingRisk, boolean bannedFromDestination, boolean priorPackage,
		@Bounds(max = "120") int age) {

	/** The largest household a package covers. */
	public static final int MAX_HOUSEHOLD = 15;

	public ReintegrationInput {
		Domain domain = Domain.of(ReintegrationInput.class, pathway, vulnerabilities, adults, children, returnContext,
				plan, businessPlanAssessed, contributionPct, reTraffickingRisk, bannedFromDestination, priorPackage,
				age);
		if (domain.valid("adults") && domain.valid("children") && adults + children > MAX_HOUSEHOLD) {
			domain.reject("children", "adults + children must not exceed " + MAX_HOUSEHOLD,
					List.of("adults + children <= " + MAX_HOUSEHOLD));
		}
		domain.orThrow();
		vulnerabilities = vulnerabilities.isEmpty() ? Set.of()
				: Collections.unmodifiableSet(EnumSet.copyOf(vulnerabilities));
	}

	/** Household members other than the returnee. */
	public int dependants() {
		return this.adults + this.children - 1;
	}

}
