package org.passage.rules.facts;

import java.math.BigDecimal;

/**
 * The facts of a HASM eligibility decision (reference policy v1, section 2.2).
 * {@code cause} and {@code migrationStatus} are recorded, never decisive.
 */
public record HasmInput(boolean stranded, StrandingCause cause, MigrationStatus migrationStatus, boolean ownMeans,
		Severity severity, boolean wishesToReturn, ProtectionClaim protectionClaim,
		boolean suspectedVictimOfTrafficking, boolean avrrProjectAvailable, boolean crisisOperationActive,
		boolean unaccompaniedMinor, boolean vulnerable, TravelDocument travelDocument, FitToTravel fitToTravel,
		@Bounds(scale = 2, max = Bounds.MONEY_MAX) BigDecimal estimatedCost,
		@Bounds(scale = 2, max = Bounds.MONEY_MAX) BigDecimal fundBalance) {

	public HasmInput {
		Domain
			.of(HasmInput.class, stranded, cause, migrationStatus, ownMeans, severity, wishesToReturn, protectionClaim,
					suspectedVictimOfTrafficking, avrrProjectAvailable, crisisOperationActive, unaccompaniedMinor,
					vulnerable, travelDocument, fitToTravel, estimatedCost, fundBalance)
			.orThrow();
	}

}
