package org.passage.cases;

import java.math.BigDecimal;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

import org.passage.rules.decision.Component;
import org.passage.rules.facts.FitToTravel;
import org.passage.rules.facts.MigrationStatus;
import org.passage.rules.facts.OtherProgramme;
import org.passage.rules.facts.Pathway;
import org.passage.rules.facts.ProtectionClaim;
import org.passage.rules.facts.ReintegrationPlan;
import org.passage.rules.facts.ReturnContext;
import org.passage.rules.facts.RiskLevel;
import org.passage.rules.facts.Severity;
import org.passage.rules.facts.StrandingCause;
import org.passage.rules.facts.TravelDocument;
import org.passage.rules.facts.VictimStatus;
import org.passage.rules.facts.Vulnerability;

/**
 * What a case's forms recorded for its decisions, by input name (domain.md section 2),
 * merged step after step: a later form's value replaces an earlier one. Typed per
 * programme: each record holds the inputs of that programme's decision that the forms
 * supply (a value not recorded yet is null); the rest (consent, a fund's balance, earlier
 * cases) Passage knows itself.
 */
public record CaseFacts(Map<String, Object> values) {

	public CaseFacts {
		values = Collections.unmodifiableMap(new LinkedHashMap<>(values));
	}

	public static CaseFacts none() {
		return new CaseFacts(Map.of());
	}

	/** The facts with {@code recorded} merged in, later values winning. */
	public CaseFacts with(Map<String, ?> recorded) {
		Map<String, Object> merged = new LinkedHashMap<>(this.values);
		merged.putAll(recorded);
		return new CaseFacts(merged);
	}

	/** The GAF inputs the forms supply (screening, risk assessment, assistance plan). */
	public record Gaf(VictimStatus victimStatus, Boolean crossBorder, OtherProgramme otherProgramme, Boolean minor,
			Boolean unaccompanied, Boolean guardianAppointed, Boolean immediateDanger, Set<Component> requested,
			BigDecimal requestedAmount, RiskLevel reTraffickingRisk) {
	}

	/** The HASM inputs the forms supply (the return-needs assessment). */
	public record Hasm(Boolean stranded, StrandingCause cause, MigrationStatus migrationStatus, Boolean ownMeans,
			Severity severity, Boolean wishesToReturn, ProtectionClaim protectionClaim,
			Boolean suspectedVictimOfTrafficking, Boolean avrrProjectAvailable, Boolean crisisOperationActive,
			Boolean unaccompaniedMinor, Boolean vulnerable, TravelDocument travelDocument, FitToTravel fitToTravel,
			BigDecimal estimatedCost) {
	}

	/** The reintegration inputs the forms supply (the reintegration plan). */
	public record Reintegration(Pathway pathway, Set<Vulnerability> vulnerabilities, Integer adults, Integer children,
			ReturnContext returnContext, ReintegrationPlan plan, Boolean businessPlanAssessed, Integer contributionPct,
			RiskLevel reTraffickingRisk, Boolean bannedFromDestination, Boolean priorPackage, Integer age) {
	}

}
