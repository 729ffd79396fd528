package org.passage.decisions;

import java.time.OffsetDateTime;
import java.util.Set;

import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import org.passage.rules.facts.Pathway;
import org.passage.rules.facts.ReintegrationPlan;
import org.passage.rules.facts.ReturnContext;
import org.passage.rules.facts.RiskLevel;
import org.passage.rules.facts.Vulnerability;

/** A reintegration package question: the inputs of reference policy v1, section 2.3. */
@Schema(name = "ReintegrationRequest", example = """
		{"pathway": "AVRR", "vulnerabilities": ["SINGLE_PARENT"], "adults": 1, "children": 2,
		 "returnContext": "STABLE", "plan": "MICRO_BUSINESS", "businessPlanAssessed": true, "contributionPct": 25,
		 "reTraffickingRisk": "LOW", "bannedFromDestination": false, "priorPackage": false, "age": 34}""")
public record ReintegrationRequest(@NotNull Pathway pathway, @NotNull Set<Vulnerability> vulnerabilities,
		@NotNull Integer adults, @NotNull Integer children, @NotNull ReturnContext returnContext,
		@NotNull ReintegrationPlan plan, @NotNull Boolean businessPlanAssessed, @NotNull Integer contributionPct,
		@NotNull RiskLevel reTraffickingRisk, @NotNull Boolean bannedFromDestination, @NotNull Boolean priorPackage,
		@NotNull Integer age, @Pattern(regexp = CaseIds.PATTERN) String caseId,
		OffsetDateTime asOf) implements DecisionRequest {
}
