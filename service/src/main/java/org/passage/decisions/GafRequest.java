package org.passage.decisions;

import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.util.Set;

import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import org.passage.rules.decision.Component;
import org.passage.rules.facts.Consent;
import org.passage.rules.facts.OtherProgramme;
import org.passage.rules.facts.RiskLevel;
import org.passage.rules.facts.VictimStatus;

/** A GAF eligibility question: the inputs of reference policy v1, section 2.1. */
@Schema(name = "GafRequest", example = """
		{"victimStatus": "IDENTIFIED", "crossBorder": true, "otherProgramme": "NONE", "consent": "GIVEN",
		 "minor": false, "unaccompanied": false, "guardianAppointed": false, "immediateDanger": false,
		 "requested": ["MEDICAL", "LEGAL"], "requestedAmount": 2500.00, "fundBalance": 10000.00,
		 "reTraffickingRisk": "LOW", "priorGafCases": 0, "caseId": "VOT-2026-000123"}""")
public record GafRequest(@NotNull VictimStatus victimStatus, @NotNull Boolean crossBorder,
		@NotNull OtherProgramme otherProgramme, @NotNull Consent consent, @NotNull Boolean minor,
		@NotNull Boolean unaccompanied, @NotNull Boolean guardianAppointed, @NotNull Boolean immediateDanger,
		@NotNull Set<Component> requested, @NotNull BigDecimal requestedAmount, @NotNull BigDecimal fundBalance,
		@NotNull RiskLevel reTraffickingRisk, @NotNull Integer priorGafCases,
		@Pattern(regexp = CaseIds.PATTERN) String caseId, OffsetDateTime asOf) implements DecisionRequest {
}
