package org.passage.decisions.web;

import java.time.OffsetDateTime;
import java.util.Set;

import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.constraints.Pattern;
import org.passage.rules.facts.Pathway;
import org.passage.rules.facts.ReintegrationPlan;
import org.passage.rules.facts.ReturnContext;
import org.passage.rules.facts.RiskLevel;
import org.passage.rules.facts.Vulnerability;

import static io.swagger.v3.oas.annotations.media.Schema.RequiredMode.REQUIRED;

/** A reintegration package question: the inputs of reference policy v1, section 2.3. */
@Schema(name = "ReintegrationRequest", example = """
		{"pathway": "AVRR", "vulnerabilities": ["SINGLE_PARENT"], "adults": 1, "children": 2,
		 "returnContext": "STABLE", "plan": "MICRO_BUSINESS", "businessPlanAssessed": true, "contributionPct": 25,
		 "reTraffickingRisk": "LOW", "bannedFromDestination": false, "priorPackage": false, "age": 34}""")
public record ReintegrationRequest(@Schema(requiredMode = REQUIRED) Pathway pathway,
		@Schema(requiredMode = REQUIRED) Set<Vulnerability> vulnerabilities,
		@Schema(requiredMode = REQUIRED) Integer adults, @Schema(requiredMode = REQUIRED) Integer children,
		@Schema(requiredMode = REQUIRED) ReturnContext returnContext,
		@Schema(requiredMode = REQUIRED) ReintegrationPlan plan,
		@Schema(requiredMode = REQUIRED) Boolean businessPlanAssessed,
		@Schema(requiredMode = REQUIRED) Integer contributionPct,
		@Schema(requiredMode = REQUIRED) RiskLevel reTraffickingRisk,
		@Schema(requiredMode = REQUIRED) Boolean bannedFromDestination,
		@Schema(requiredMode = REQUIRED) Boolean priorPackage, @Schema(requiredMode = REQUIRED) Integer age,
		@Pattern(regexp = CaseIds.PATTERN) String caseId, OffsetDateTime asOf) implements DecisionRequest {
}
