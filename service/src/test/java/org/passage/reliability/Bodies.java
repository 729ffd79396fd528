package org.passage.reliability;

/** Request bodies the reliability tests send, valid under the default policy. */
final class Bodies {

	/** A GAF request with no case: an identified, consenting adult victim, band 2. */
	static final String GAF = """
			{"victimStatus": "IDENTIFIED", "crossBorder": true, "otherProgramme": "NONE", "consent": "GIVEN",
			 "minor": false, "unaccompanied": false, "guardianAppointed": false, "immediateDanger": false,
			 "requested": ["MEDICAL", "LEGAL"], "requestedAmount": 2500.00, "fundBalance": 10000.00,
			 "reTraffickingRisk": "LOW", "priorGafCases": 0}""";

	/** A HASM request: a stranded, destitute migrant who wishes to return. */
	static final String HASM = """
			{"stranded": true, "cause": "DESTITUTION", "migrationStatus": "IRREGULAR", "ownMeans": false,
			 "severity": "DESPERATE", "wishesToReturn": true, "protectionClaim": "NONE",
			 "suspectedVictimOfTrafficking": false, "avrrProjectAvailable": false, "crisisOperationActive": false,
			 "unaccompaniedMinor": false, "vulnerable": false, "travelDocument": "VALID", "fitToTravel": "FIT",
			 "estimatedCost": 850.00, "fundBalance": 5000.00}""";

	/** A new case of {@code type} in {@code office}. */
	static String newCase(String type, String office) {
		return """
				{"type": "%s", "office": "%s",
				 "person": {"givenName": "Amina", "familyName": "K.", "sex": "FEMALE", "birthYear": 1998,
				            "nationality": "NGA"}}""".formatted(type, office);
	}

	private Bodies() {
	}

}
