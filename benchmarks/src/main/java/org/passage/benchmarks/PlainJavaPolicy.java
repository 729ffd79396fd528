package org.passage.benchmarks;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

import org.passage.rules.decision.ApprovalLevel;
import org.passage.rules.decision.Component;
import org.passage.rules.decision.Delivery;
import org.passage.rules.decision.Eligibility;
import org.passage.rules.decision.Priority;
import org.passage.rules.decision.Route;
import org.passage.rules.decision.Tier;
import org.passage.rules.facts.Consent;
import org.passage.rules.facts.FitToTravel;
import org.passage.rules.facts.GafInput;
import org.passage.rules.facts.HasmInput;
import org.passage.rules.facts.OtherProgramme;
import org.passage.rules.facts.Pathway;
import org.passage.rules.facts.ProtectionClaim;
import org.passage.rules.facts.ReintegrationInput;
import org.passage.rules.facts.ReintegrationPlan;
import org.passage.rules.facts.ReturnContext;
import org.passage.rules.facts.RiskLevel;
import org.passage.rules.facts.Severity;
import org.passage.rules.facts.TravelDocument;
import org.passage.rules.facts.VictimStatus;
import org.passage.rules.facts.Vulnerability;

/**
 * Reference policy v1 hand-written in Java: the speed floor the tables are measured
 * against.
 */
final class PlainJavaPolicy {

	/** The outputs compared with the tables' decision, reasons as codes. */
	record Outcome(Eligibility decision, Route route, Set<Component> components, BigDecimal grantedAmount,
			ApprovalLevel approvalLevel, Priority priority, List<String> reasons, Tier tier, Delivery delivery,
			Integer monitoringMonths) {
	}

	private static final BigDecimal THOUSAND = new BigDecimal("1000");

	private static final BigDecimal THREE_THOUSAND = new BigDecimal("3000");

	private static final BigDecimal SIX_THOUSAND = new BigDecimal("6000");

	private PlainJavaPolicy() {
	}

	static Outcome gaf(GafInput in) {
		List<String> reasons = new ArrayList<>(3);
		Eligibility decision;
		Route route = null;
		EnumSet<Component> components = EnumSet.noneOf(Component.class);
		BigDecimal amount = BigDecimal.ZERO;
		ApprovalLevel approval = null;
		if (in.minor() && in.unaccompanied() && !in.guardianAppointed()) {
			decision = Eligibility.REFER;
			route = Route.CHILD_PROTECTION;
			components.add(Component.SAFE_ACCOMMODATION);
			if (in.immediateDanger()) {
				components.add(Component.MEDICAL);
			}
			reasons.add("UNACCOMPANIED_MINOR_NO_GUARDIAN");
		}
		else if (in.consent() != Consent.GIVEN && in.immediateDanger()) {
			decision = Eligibility.ELIGIBLE_INTERIM;
			route = Route.GAF;
			components = among(in.requested(), Component.SAFE_ACCOMMODATION, Component.MEDICAL);
			amount = components.isEmpty() ? BigDecimal.ZERO : in.requestedAmount().min(THOUSAND);
			approval = ApprovalLevel.SUPERVISOR;
			reasons.add("LIFE_SAVING_INTERIM");
		}
		else if (in.consent() == Consent.WITHDRAWN) {
			decision = notEligible(reasons, "CONSENT_WITHDRAWN");
		}
		else if (in.consent() == Consent.REFUSED) {
			decision = notEligible(reasons, "CONSENT_REFUSED");
		}
		else if (in.consent() == Consent.PENDING) {
			decision = pending(reasons, "CONSENT_MISSING");
		}
		else if (in.victimStatus() == VictimStatus.NOT_VICTIM) {
			decision = notEligible(reasons, "NOT_A_VICTIM");
		}
		else if (in.victimStatus() == VictimStatus.UNDETERMINED) {
			decision = pending(reasons, "IDENTIFICATION_PENDING");
		}
		else if (!in.crossBorder()) {
			decision = notEligible(reasons, "NOT_CROSS_BORDER");
			route = Route.NATIONAL_REFERRAL;
		}
		else if (in.otherProgramme() == OtherProgramme.ACCESSIBLE) {
			decision = notEligible(reasons, "OTHER_PROGRAMME_ACCESSIBLE");
			route = Route.EXISTING_PROGRAMME;
		}
		else if (in.otherProgramme() == OtherProgramme.UNKNOWN) {
			decision = pending(reasons, "OTHER_PROGRAMMES_NOT_CHECKED");
		}
		else if (in.requested().contains(Component.THIRD_COUNTRY_RESETTLEMENT)) {
			decision = Eligibility.REFER;
			route = Route.GAF;
			approval = ApprovalLevel.HQ;
			reasons.add("RESETTLEMENT_REQUIRES_HQ");
		}
		else if (in.requested().contains(Component.RETURN_TRAVEL)
				&& (in.reTraffickingRisk() == RiskLevel.HIGH || in.reTraffickingRisk() == RiskLevel.NOT_ASSESSED)) {
			decision = pending(reasons, "RETURN_RISK_REVIEW");
		}
		else if (in.victimStatus() == VictimStatus.PRESUMED) {
			decision = Eligibility.ELIGIBLE_INTERIM;
			route = Route.GAF;
			components = among(in.requested(), Component.SAFE_ACCOMMODATION, Component.MEDICAL, Component.PSYCHOSOCIAL,
					Component.LEGAL);
			amount = components.isEmpty() ? BigDecimal.ZERO : in.requestedAmount().min(THOUSAND);
			approval = ApprovalLevel.SUPERVISOR;
			reasons.add("PRESUMED_VICTIM_INTERIM");
		}
		else {
			decision = Eligibility.ELIGIBLE;
			route = Route.GAF;
			components.addAll(in.requested());
			amount = in.requestedAmount();
			if (amount.compareTo(THOUSAND) <= 0) {
				approval = band(reasons, ApprovalLevel.SUPERVISOR, "GAF_BAND_1");
			}
			else if (amount.compareTo(THREE_THOUSAND) <= 0) {
				approval = band(reasons, ApprovalLevel.REGIONAL, "GAF_BAND_2");
			}
			else if (amount.compareTo(SIX_THOUSAND) <= 0) {
				approval = band(reasons, ApprovalLevel.HQ, "GAF_BAND_3");
			}
			else {
				approval = band(reasons, ApprovalLevel.HQ, "GAF_BAND_4");
			}
		}
		boolean granted = decision == Eligibility.ELIGIBLE || decision == Eligibility.ELIGIBLE_INTERIM;
		if (granted && in.priorGafCases() >= 1) {
			approval = approval.atLeast(ApprovalLevel.REGIONAL);
			reasons.add("REPEAT_ASSISTANCE");
		}
		if (granted && amount.compareTo(in.fundBalance()) > 0) {
			decision = Eligibility.ELIGIBLE_PENDING_FUNDS;
			if (in.immediateDanger()) {
				approval = ApprovalLevel.HQ;
			}
			reasons.add("INSUFFICIENT_FUNDS");
		}
		return new Outcome(decision, route, components, amount, approval,
				in.immediateDanger() ? Priority.URGENT : Priority.NORMAL, reasons, null, null, null);
	}

	static Outcome hasm(HasmInput in) {
		List<String> reasons = new ArrayList<>(3);
		Eligibility decision;
		Route route = null;
		EnumSet<Component> components = EnumSet.noneOf(Component.class);
		ApprovalLevel approval = null;
		if (in.unaccompaniedMinor()) {
			decision = refer(reasons, "UNACCOMPANIED_MINOR");
			route = Route.CHILD_PROTECTION;
		}
		else if (in.protectionClaim() != ProtectionClaim.NONE) {
			decision = refer(reasons, "PROTECTION_CLAIM");
			route = Route.REFUGEE_AGENCY;
		}
		else if (in.suspectedVictimOfTrafficking()) {
			decision = refer(reasons, "SUSPECTED_TRAFFICKING");
			route = Route.VOT_ASSISTANCE;
			components.add(Component.TEMP_ACCOMMODATION);
		}
		else if (!in.stranded()) {
			decision = notEligible(reasons, "NOT_STRANDED");
		}
		else if (!in.wishesToReturn()) {
			decision = notEligible(reasons, "NO_WISH_TO_RETURN");
		}
		else if (in.ownMeans()) {
			decision = notEligible(reasons, "HAS_OWN_MEANS");
		}
		else if (in.severity() == Severity.STABLE || in.severity() == Severity.DIFFICULT) {
			decision = notEligible(reasons, "NOT_DESPERATE");
			route = in.avrrProjectAvailable() ? Route.AVRR_PROJECT : null;
		}
		else if (in.crisisOperationActive()) {
			decision = refer(reasons, "CRISIS_OPERATION_ACTIVE");
			route = Route.CRISIS_OPERATION;
		}
		else if (in.avrrProjectAvailable()) {
			decision = refer(reasons, "AVRR_PROJECT_AVAILABLE");
			route = Route.AVRR_PROJECT;
		}
		else if (in.travelDocument() == TravelDocument.NOT_OBTAINABLE) {
			decision = pending(reasons, "CONSULAR_ASSISTANCE_NEEDED");
		}
		else if (in.fitToTravel() == FitToTravel.NOT_FIT) {
			decision = pending(reasons, "MEDICAL_STABILISATION");
			components.add(Component.TEMP_ACCOMMODATION);
		}
		else {
			decision = Eligibility.ELIGIBLE;
			route = Route.HASM;
			approval = ApprovalLevel.SUPERVISOR;
			components.add(Component.RETURN_TRAVEL);
			if (in.fitToTravel() == FitToTravel.FIT_WITH_ESCORT) {
				components.add(Component.MEDICAL_ESCORT);
				reasons.add("HASM_RETURN_WITH_ESCORT");
			}
			else {
				reasons.add("HASM_RETURN");
			}
		}
		BigDecimal amount = BigDecimal.ZERO;
		if (decision == Eligibility.ELIGIBLE) {
			amount = in.estimatedCost();
			if (in.travelDocument() == TravelDocument.OBTAINABLE) {
				components.add(Component.TRAVEL_DOCUMENTATION);
				reasons.add("TRAVEL_DOCUMENT_TO_OBTAIN");
			}
			if (in.vulnerable()) {
				components.add(Component.ONWARD_TRANSPORT);
				components.add(Component.REINSERTION);
				reasons.add("VULNERABLE_RETURNEE");
			}
			if (amount.compareTo(in.fundBalance()) > 0) {
				decision = Eligibility.ELIGIBLE_PENDING_FUNDS;
				reasons.add("INSUFFICIENT_FUNDS");
			}
		}
		return new Outcome(decision, route, components, amount, approval,
				in.severity() == Severity.LIFE_THREATENING ? Priority.URGENT : Priority.NORMAL, reasons, null, null,
				null);
	}

	static Outcome reintegration(ReintegrationInput in) {
		List<String> reasons = new ArrayList<>(4);
		Set<Vulnerability> needs = in.vulnerabilities();
		boolean trafficked = needs.contains(Vulnerability.VICTIM_OF_TRAFFICKING);
		Tier tier;
		if (in.priorPackage()) {
			tier = tier(reasons, Tier.REINSERTION, "REPEAT_RETURN");
		}
		else if (in.pathway() == Pathway.CRISIS_EVACUATION && needs.isEmpty()) {
			tier = tier(reasons, Tier.RECEPTION_ONLY, "CRISIS_RECEPTION");
		}
		else if (in.pathway() == Pathway.CRISIS_EVACUATION) {
			tier = tier(reasons, Tier.REINSERTION, "CRISIS_VULNERABLE_REINSERTION");
		}
		else if (in.plan() == ReintegrationPlan.NONE) {
			tier = tier(reasons, Tier.REINSERTION, "NO_REINTEGRATION_PLAN");
		}
		else if (trafficked || needs.contains(Vulnerability.UNACCOMPANIED_MINOR)) {
			tier = tier(reasons, Tier.VULNERABLE_CASE_MANAGED, "PROTECTION_CASE_MANAGEMENT");
		}
		else if (needs.contains(Vulnerability.DISABILITY) || needs.contains(Vulnerability.SERIOUS_MEDICAL)
				|| needs.contains(Vulnerability.GBV_SURVIVOR)) {
			tier = tier(reasons, Tier.ENHANCED, "ENHANCED_NEEDS");
		}
		else if (in.plan() == ReintegrationPlan.MICRO_BUSINESS && !in.businessPlanAssessed()) {
			reasons.add("BUSINESS_PLAN_NOT_ASSESSED");
			return new Outcome(Eligibility.PENDING_INFO, null, EnumSet.noneOf(Component.class), BigDecimal.ZERO, null,
					priority(in), reasons, null, null, 0);
		}
		else {
			tier = tier(reasons, Tier.STANDARD, "STANDARD_PACKAGE");
		}
		boolean fragile = in.returnContext() == ReturnContext.FRAGILE
				|| in.returnContext() == ReturnContext.POST_CRISIS;
		if (fragile && (tier == Tier.STANDARD || tier == Tier.ENHANCED)) {
			tier = tier == Tier.STANDARD ? Tier.ENHANCED : Tier.VULNERABLE_CASE_MANAGED;
			reasons.add("FRAGILE_RETURN_CONTEXT");
		}
		EnumSet<Component> components = EnumSet.noneOf(Component.class);
		ApprovalLevel approval = ApprovalLevel.SUPERVISOR;
		int cashPerAdult = 150;
		int cashPerChild = 75;
		int inKind = 0;
		int months;
		boolean full = tier == Tier.STANDARD || tier == Tier.ENHANCED || tier == Tier.VULNERABLE_CASE_MANAGED;
		switch (tier) {
			case RECEPTION_ONLY -> {
				components.add(Component.FOOD_WATER);
				components.add(Component.TEMP_ACCOMMODATION);
				approval = null;
				cashPerAdult = 0;
				cashPerChild = 0;
				months = 0;
			}
			case REINSERTION -> {
				components.add(Component.ARRIVAL_CASH);
				components.add(Component.ONWARD_TRANSPORT);
				months = 3;
			}
			case STANDARD -> {
				inKind = 1500;
				months = 6;
			}
			case ENHANCED -> {
				inKind = 2500;
				months = 9;
			}
			default -> {
				inKind = 3500;
				approval = ApprovalLevel.REGIONAL;
				months = 12;
			}
		}
		if (full) {
			components.add(Component.ARRIVAL_CASH);
			planComponent(in.plan(), components);
			if (needs.contains(Vulnerability.DISABILITY) || needs.contains(Vulnerability.SERIOUS_MEDICAL)) {
				components.add(Component.MEDICAL);
			}
			if (needs.contains(Vulnerability.GBV_SURVIVOR)) {
				components.add(Component.PSYCHOSOCIAL);
				components.add(Component.HOUSING);
			}
			if (trafficked) {
				components.addAll(List.of(Component.PSYCHOSOCIAL, Component.MEDICAL, Component.LEGAL,
						Component.BASIC_NECESSITIES));
			}
			if (needs.contains(Vulnerability.UNACCOMPANIED_MINOR)) {
				components.add(Component.EDUCATION);
				components.add(Component.FAMILY_REUNIFICATION);
			}
			if (in.plan() == ReintegrationPlan.MICRO_BUSINESS && in.contributionPct() >= 20) {
				components.add(Component.MATCHED_GRANT);
				reasons.add("MATCHED_GRANT");
			}
			if (in.bannedFromDestination()) {
				components.add(Component.MSME_PRIORITY);
				reasons.add("BANNED_FROM_DESTINATION");
			}
			if (in.age() >= 15 && in.age() <= 24 && in.plan() == ReintegrationPlan.EDUCATION) {
				components.add(Component.EDUCATION_SUBSIDY);
				reasons.add("YOUTH_EDUCATION");
			}
			inKind = Math.min(5000, inKind + 300 * in.dependants());
		}
		int cash = cashPerAdult * in.adults() + cashPerChild * in.children();
		boolean highRiskVictim = trafficked && in.reTraffickingRisk() == RiskLevel.HIGH;
		Delivery delivery = needs.contains(Vulnerability.UNACCOMPANIED_MINOR) || in.age() < 18 || highRiskVictim
				? Delivery.IN_KIND : Delivery.MIXED;
		return new Outcome(Eligibility.ELIGIBLE, null, components, BigDecimal.valueOf(cash + inKind), approval,
				priority(in), reasons, tier, delivery, highRiskVictim ? 24 : months);
	}

	private static void planComponent(ReintegrationPlan plan, Set<Component> components) {
		switch (plan) {
			case MICRO_BUSINESS -> components.add(Component.BUSINESS_IN_KIND);
			case VOCATIONAL_TRAINING -> components.add(Component.VOCATIONAL_TRAINING);
			case EDUCATION -> components.add(Component.EDUCATION);
			case JOB_PLACEMENT -> components.add(Component.JOB_PLACEMENT);
			case HOUSING -> components.add(Component.HOUSING);
			case MEDICAL -> components.add(Component.MEDICAL);
			case NONE -> {
			}
		}
	}

	private static Priority priority(ReintegrationInput in) {
		return in.pathway() == Pathway.CRISIS_EVACUATION ? Priority.URGENT : Priority.NORMAL;
	}

	private static Tier tier(List<String> reasons, Tier tier, String code) {
		reasons.add(code);
		return tier;
	}

	private static EnumSet<Component> among(Set<Component> requested, Component... allowed) {
		EnumSet<Component> granted = EnumSet.copyOf(requested);
		granted.retainAll(List.of(allowed));
		return granted;
	}

	private static ApprovalLevel band(List<String> reasons, ApprovalLevel level, String code) {
		reasons.add(code);
		return level;
	}

	private static Eligibility notEligible(List<String> reasons, String code) {
		reasons.add(code);
		return Eligibility.NOT_ELIGIBLE;
	}

	private static Eligibility pending(List<String> reasons, String code) {
		reasons.add(code);
		return Eligibility.PENDING_INFO;
	}

	private static Eligibility refer(List<String> reasons, String code) {
		reasons.add(code);
		return Eligibility.REFER;
	}

}
