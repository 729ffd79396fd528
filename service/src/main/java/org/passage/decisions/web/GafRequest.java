package org.passage.decisions.web;

import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.util.Set;

import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.constraints.Pattern;
import org.passage.rules.decision.Component;
import org.passage.rules.facts.Consent;
import org.passage.rules.facts.OtherProgramme;
import org.passage.rules.facts.RiskLevel;
import org.passage.rules.facts.VictimStatus;

import static io.swagger.v3.oas.annotations.media.Schema.RequiredMode.REQUIRED;

/** A GAF eligibility question: the inputs of reference policy v1, section 2.1. */
@Schema(name = "GafRequest", example = """
		{"victimStatus": "IDENTIFIED", "crossBorder": true, "otherProgramme": "NONE", "consent": "GIVEN",
		 "minor": false, "unaccompanied": false, "guardianAppointed": false, "immediateDanger": false,
		 "requested": ["MEDICAL", "LEGAL"], "requestedAmount": 2500.00, "fundBalance": 10000.00,
		 "reTraffickingRisk": "LOW", "priorGafCases": 0, "caseId": "VOT-2026-000123"}""")
public record GafRequest(@Schema(requiredMode = REQUIRED) VictimStatus victimStatus,
		@Schema(requiredMode = REQUIRED) Boolean crossBorder,
		@Schema(requiredMode = REQUIRED) OtherProgramme otherProgramme,
		@Schema(requiredMode = REQUIRED) Consent consent, @Schema(requiredMode = REQUIRED) Boolean minor,
		@Schema(requiredMode = REQUIRED) Boolean unaccompanied,
		@Schema(requiredMode = REQUIRED) Boolean guardianAppointed,
		@Schema(requiredMode = REQUIRED) Boolean immediateDanger,
		@Schema(requiredMode = REQUIRED) Set<Component> requested,
		@Schema(requiredMode = REQUIRED) BigDecimal requestedAmount,
		@Schema(requiredMode = REQUIRED) BigDecimal fundBalance,
		@Schema(requiredMode = REQUIRED) RiskLevel reTraffickingRisk,
		@Schema(requiredMode = REQUIRED) Integer priorGafCases, @Pattern(regexp = CaseIds.PATTERN) String caseId,
		OffsetDateTime asOf) implements DecisionRequest {
}
