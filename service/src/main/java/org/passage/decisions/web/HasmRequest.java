package org.passage.decisions.web;

import java.math.BigDecimal;
import java.time.OffsetDateTime;

import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.constraints.Pattern;
import org.passage.rules.facts.FitToTravel;
import org.passage.rules.facts.MigrationStatus;
import org.passage.rules.facts.ProtectionClaim;
import org.passage.rules.facts.Severity;
import org.passage.rules.facts.StrandingCause;
import org.passage.rules.facts.TravelDocument;

import static io.swagger.v3.oas.annotations.media.Schema.RequiredMode.REQUIRED;

/** A HASM eligibility question: the inputs of reference policy v1, section 2.2. */
@Schema(name = "HasmRequest", example = """
		{"stranded": true, "cause": "DESTITUTION", "migrationStatus": "IRREGULAR", "ownMeans": false,
		 "severity": "DESPERATE", "wishesToReturn": true, "protectionClaim": "NONE",
		 "suspectedVictimOfTrafficking": false, "avrrProjectAvailable": false, "crisisOperationActive": false,
		 "unaccompaniedMinor": false, "vulnerable": true, "travelDocument": "OBTAINABLE", "fitToTravel": "FIT",
		 "estimatedCost": 850.00, "fundBalance": 5000.00}""")
public record HasmRequest(@Schema(requiredMode = REQUIRED) Boolean stranded,
		@Schema(requiredMode = REQUIRED) StrandingCause cause,
		@Schema(requiredMode = REQUIRED) MigrationStatus migrationStatus,
		@Schema(requiredMode = REQUIRED) Boolean ownMeans, @Schema(requiredMode = REQUIRED) Severity severity,
		@Schema(requiredMode = REQUIRED) Boolean wishesToReturn,
		@Schema(requiredMode = REQUIRED) ProtectionClaim protectionClaim,
		@Schema(requiredMode = REQUIRED) Boolean suspectedVictimOfTrafficking,
		@Schema(requiredMode = REQUIRED) Boolean avrrProjectAvailable,
		@Schema(requiredMode = REQUIRED) Boolean crisisOperationActive,
		@Schema(requiredMode = REQUIRED) Boolean unaccompaniedMinor,
		@Schema(requiredMode = REQUIRED) Boolean vulnerable,
		@Schema(requiredMode = REQUIRED) TravelDocument travelDocument,
		@Schema(requiredMode = REQUIRED) FitToTravel fitToTravel,
		@Schema(requiredMode = REQUIRED) BigDecimal estimatedCost,
		@Schema(requiredMode = REQUIRED) BigDecimal fundBalance, @Pattern(regexp = CaseIds.PATTERN) String caseId,
		OffsetDateTime asOf) implements DecisionRequest {
}
