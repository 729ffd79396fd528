package org.passage.decisions;

import java.math.BigDecimal;
import java.time.OffsetDateTime;

import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import org.passage.rules.facts.FitToTravel;
import org.passage.rules.facts.MigrationStatus;
import org.passage.rules.facts.ProtectionClaim;
import org.passage.rules.facts.Severity;
import org.passage.rules.facts.StrandingCause;
import org.passage.rules.facts.TravelDocument;

/** A HASM eligibility question: the inputs of reference policy v1, section 2.2. */
@Schema(name = "HasmRequest", example = """
		{"stranded": true, "cause": "DESTITUTION", "migrationStatus": "IRREGULAR", "ownMeans": false,
		 "severity": "DESPERATE", "wishesToReturn": true, "protectionClaim": "NONE",
		 "suspectedVictimOfTrafficking": false, "avrrProjectAvailable": false, "crisisOperationActive": false,
		 "unaccompaniedMinor": false, "vulnerable": true, "travelDocument": "OBTAINABLE", "fitToTravel": "FIT",
		 "estimatedCost": 850.00, "fundBalance": 5000.00}""")
public record HasmRequest(@NotNull Boolean stranded, @NotNull StrandingCause cause,
		@NotNull MigrationStatus migrationStatus, @NotNull Boolean ownMeans, @NotNull Severity severity,
		@NotNull Boolean wishesToReturn, @NotNull ProtectionClaim protectionClaim,
		@NotNull Boolean suspectedVictimOfTrafficking, @NotNull Boolean avrrProjectAvailable,
		@NotNull Boolean crisisOperationActive, @NotNull Boolean unaccompaniedMinor, @NotNull Boolean vulnerable,
		@NotNull TravelDocument travelDocument, @NotNull FitToTravel fitToTravel, @NotNull BigDecimal estimatedCost,
		@NotNull BigDecimal fundBalance, @Pattern(regexp = CaseIds.PATTERN) String caseId,
		OffsetDateTime asOf) implements DecisionRequest {
}
