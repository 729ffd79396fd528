package org.passage.cases;

import java.math.BigDecimal;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Stranded migrants' cases on PostgreSQL, real delegates; expected decisions derived from
 * domain.md 2.2 and 2.3.
 */
class StrandedMigrantCaseIT extends CaseworkTesting {

	static final String RETURN_NEEDS = """
			{"stranded": true, "cause": "DESTITUTION", "migrationStatus": "IRREGULAR", "ownMeans": false,
			 "severity": "DESPERATE", "wishesToReturn": true, "protectionClaim": "NONE",
			 "suspectedVictimOfTrafficking": false, "avrrProjectAvailable": false, "crisisOperationActive": false,
			 "unaccompaniedMinor": false, "vulnerable": true, "travelDocument": "OBTAINABLE", "fitToTravel": "FIT",
			 "estimatedCost": 850.00}""";

	/**
	 * A stranded migrant's case of {@code office} taken through immediate help, screening
	 * and the wish to return ({@link #RETURN_NEEDS}) to its HASM decision.
	 */
	String decidedCase(String office) {
		String migrant = openCase("STRANDED_MIGRANT", office);
		completes("officer", migrant, "Activity_ProvideImmediateHelp", """
				{"needsMet": ["FOOD_WATER"], "summary": "Water and a bed"}""");
		completes("officer", migrant, "Activity_ScreenProtectionNeeds", """
				{"screening": "NONE"}""");
		completes("officer", migrant, "Activity_ConfirmWishToReturn", RETURN_NEEDS);
		runDueSteps(migrant);
		return migrant;
	}

	@Test
	void aStrandedMigrantIsReturnedHomeWithAReintegrationPackage() {
		staffWorkFor("NIA");
		fund("HASM", "NIA", "30000.00");
		fund("REINTEGRATION", "NIA", "40000.00");
		String migrant = decidedCase("NIA");

		// H13 (otherwise): ELIGIBLE, HASM, RETURN_TRAVEL, SUPERVISOR, 850; H14 adds
		// TRAVEL_DOCUMENTATION
		// (document obtainable); H15 adds ONWARD_TRANSPORT and REINSERTION (vulnerable).
		JsonNode hasm = caseFile("supervisor", migrant).get("decisions").get(0);
		assertThat(hasm.get("decision").asText()).isEqualTo("ELIGIBLE");
		assertThat(hasm.get("components")).extracting(JsonNode::asText)
			.containsExactlyInAnyOrder("RETURN_TRAVEL", "TRAVEL_DOCUMENTATION", "ONWARD_TRANSPORT", "REINSERTION");
		assertThat(hasm.get("grantedAmount").decimalValue()).isEqualByComparingTo("850");
		completes("supervisor", migrant, "Activity_ApproveReturn", """
				{"approved": true}""");
		runDueSteps(migrant);
		completes("officer", migrant, "Activity_ObtainTravelDocuments", """
				{"summary": "Laissez-passer from the consulate"}""");
		completes("officer", migrant, "Activity_CheckFitToTravel", """
				{"summary": "Fit"}""");
		completes("officer", migrant, "Activity_ReturnHome", """
				{"deliveredAmount": 850.00, "summary": "Flew home"}""");
		runDueSteps(migrant);
		completes("officer", migrant, "Activity_ReceiveOnArrival", """
				{"summary": "Met at the airport, onward bus ticket"}""");
		completes("officer", migrant, "Activity_PrepareReintegrationPlan", """
				{"pathway": "HASM_RETURN", "vulnerabilities": [], "adults": 1, "children": 0, "returnContext": "STABLE",
				 "plan": "JOB_PLACEMENT", "businessPlanAssessed": false, "contributionPct": 0,
				 "reTraffickingRisk": "LOW", "bannedFromDestination": false, "priorPackage": false, "age": 35}""");
		runDueSteps(migrant);

		// R8: STANDARD, SUPERVISOR; 150 arrival cash + 1,500 in kind = 1,650; 6 months: 2
		// visits.
		JsonNode pack = caseFile("supervisor", migrant).get("decisions").get(0);
		assertThat(pack.get("tier").asText()).isEqualTo("STANDARD");
		assertThat(pack.get("grantedAmount").decimalValue()).isEqualByComparingTo("1650");
		completes("supervisor", migrant, "Activity_ApprovePackage", """
				{"approved": true}""");
		runDueSteps(migrant);
		completes("officer", migrant, "Activity_DeliverPackage", """
				{"deliveredAmount": 1650.00, "summary": "Delivered"}""");
		runDueSteps(migrant);
		for (int visit = 1; visit <= 2; visit++) {
			fireTimers(migrant);
			completes("officer", migrant, "Activity_MonitoringVisit", """
					{"sustainable": true, "summary": "Working"}""");
		}
		runDueSteps(migrant);
		assertThat(caseFile("supervisor", migrant).get("status").asText()).isEqualTo("CLOSED");
		assertThat(fund("HASM-NIA-" + VotCaseIT.year())).containsEntry("committed", new BigDecimal("850.00"));
		assertThat(fund("REINTEGRATION-NIA-" + VotCaseIT.year())).containsEntry("committed", new BigDecimal("1650.00"));
	}

	@Test
	@ExtendWith(OutputCaptureExtension.class)
	void theEnginesLogLinesOfACaseCarryItsReference(CapturedOutput output) {
		staffWorkFor("LOG");
		fund("HASM", "LOG", "30000.00");
		String migrant = decidedCase("LOG");
		String decided = caseFile("supervisor", migrant).get("decisions").get(0).get("decisionId").asText();
		assertThat(output.getAll().lines().filter(line -> line.contains("HASM decision " + decided)))
			.as("the log line of the decision")
			.singleElement()
			.asString()
			.contains("[" + migrant + "]")
			.contains("ELIGIBLE");
	}

	@Test
	void signsOfTraffickingOpenALinkedVotCaseForTheSamePersonWhoConsentedToShareTheirData() {
		staffWorkFor("NIA");
		String migrant = openCase("STRANDED_MIGRANT", "NIA");
		completes("officer", migrant, "Activity_ProvideImmediateHelp", """
				{"needsMet": ["MEDICAL"]}""");
		completes("officer", migrant, "Activity_ScreenProtectionNeeds", """
				{"screening": "TRAFFICKING", "dataSharingConsent": true,
				 "summary": "Debt bondage, passport held by the employer"}""");
		runDueSteps(migrant);
		JsonNode referred = caseFile("officer", migrant);
		assertThat(referred.get("status").asText()).isEqualTo("REFERRED");
		String vot = this.jdbc.sql("select reference from app.case_file where linked_case = ?")
			.param(migrant)
			.query(String.class)
			.single();
		JsonNode linked = caseFile("officer", vot);
		assertThat(linked.get("type").asText()).isEqualTo("VOT");
		assertThat(linked.get("person")).isEqualTo(referred.get("person"));
		assertThat(taskId("officer", vot, "Activity_ScreenCase")).isNotBlank();
	}

	@Test
	void withoutConsentToShareTheirDataTheReferralToAVotCaseIsHeldAndNothingOfThePersonIsPassedOn() {
		staffWorkFor("NIA");
		String migrant = openCase("STRANDED_MIGRANT", "NIA");
		completes("officer", migrant, "Activity_ProvideImmediateHelp", """
				{"needsMet": ["MEDICAL"]}""");
		completes("officer", migrant, "Activity_ScreenProtectionNeeds", """
				{"screening": "TRAFFICKING", "summary": "Debt bondage"}""");
		runDueSteps(migrant);

		JsonNode referred = caseFile("officer", migrant);
		assertThat(referred.get("status").asText()).isEqualTo("REFERRED");
		assertThat(this.jdbc.sql("select count(*) from app.case_file where linked_case = ?")
			.param(migrant)
			.query(Long.class)
			.single()).as("no VoT case holds the person's data").isZero();
		assertThat(referred.get("timeline")).extracting(entry -> entry.get("kind").asText())
			.contains("REFERRED", "REFERRAL_HELD");
		assertThat(referred.get("timeline")).filteredOn(entry -> entry.get("kind").asText().equals("REFERRED"))
			.allSatisfy(entry -> assertThat(entry.get("detail").get("personalDataShared").asBoolean()).isFalse());
	}

	@Test
	void aReferralToTheRefugeeAgencyRecordsWhetherThePersonsDataWentWithIt() {
		staffWorkFor("NIA");
		for (boolean consented : new boolean[] { true, false }) {
			String migrant = openCase("STRANDED_MIGRANT", "NIA");
			completes("officer", migrant, "Activity_ProvideImmediateHelp", """
					{"needsMet": ["MEDICAL"]}""");
			completes("officer", migrant, "Activity_ScreenProtectionNeeds", """
					{"screening": "PROTECTION_CLAIM", "dataSharingConsent": %s}""".formatted(consented));
			runDueSteps(migrant);
			JsonNode referred = caseFile("officer", migrant);
			assertThat(referred.get("status").asText()).isEqualTo("REFERRED");
			assertThat(referred.get("timeline")).filteredOn(entry -> entry.get("kind").asText().equals("REFERRED"))
				.singleElement()
				.satisfies(entry -> assertThat(entry.get("detail").get("to").asText()).isEqualTo("REFUGEE_AGENCY"))
				.satisfies(entry -> assertThat(entry.get("detail").get("personalDataShared").asBoolean())
					.isEqualTo(consented));
			assertThat(referred.get("consents")).hasSize(consented ? 1 : 0);
		}
	}

	@Test
	void aDecisionNotTakenInTimeIsEscalatedToTheSupervisor() {
		staffWorkFor("NIA");
		String migrant = openCase("STRANDED_MIGRANT", "NIA");
		fireTimers(migrant); // the 72 hours since registration pass
		assertThat(taskId("supervisor", migrant, "Activity_EscalateLateDecision")).isNotBlank();
		completes("supervisor", migrant, "Activity_EscalateLateDecision", """
				{"summary": "Officer reassigned; decision tomorrow"}""");
		assertThat(taskId("officer", migrant, "Activity_ProvideImmediateHelp")).isNotBlank();
	}

}
