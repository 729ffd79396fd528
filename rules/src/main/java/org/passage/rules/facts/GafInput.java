package org.passage.rules.facts;

import java.math.BigDecimal;
import java.util.Collections;
import java.util.EnumSet;
import java.util.Set;

import org.passage.rules.decision.Component;

/** The facts of a GAF eligibility decision (reference policy v1, section 2.1). */
public record GafInput(VictimStatus victimStatus, boolean crossBorder, OtherProgramme otherProgramme, Consent consent,
		boolean minor, boolean unaccompanied, boolean guardianAppointed, boolean immediateDanger,
		Set<Component> requested, @Bounds(scale = 2, max = Bounds.MONEY_MAX) BigDecimal requestedAmount,
		@Bounds(scale = 2, max = Bounds.MONEY_MAX) BigDecimal fundBalance, RiskLevel reTraffickingRisk,
		@Bounds int priorGafCases) {

	public GafInput {
		Domain domain = Domain.of(GafInput.class, victimStatus, crossBorder, otherProgramme, consent, minor,
				unaccompanied, guardianAppointed, immediateDanger, requested, requestedAmount, fundBalance,
				reTraffickingRisk, priorGafCases);
		if (domain.valid("requested") && requested.isEmpty()) {
			domain.reject("requested", "must name at least one service", Domain.namesIn(Component.GAF_SERVICES));
		}
		else if (domain.valid("requested") && !Component.GAF_SERVICES.containsAll(requested)) {
			domain.reject("requested", "contains a service GAF does not provide",
					Domain.namesIn(Component.GAF_SERVICES));
		}
		domain.orThrow();
		requested = Collections.unmodifiableSet(EnumSet.copyOf(requested));
	}

}
