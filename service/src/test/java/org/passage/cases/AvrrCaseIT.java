package org.passage.cases;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.springframework.http.ResponseEntity;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Assisted voluntary returns on PostgreSQL, real delegates; expected package derived from
 * domain.md 2.3.
 */
class AvrrCaseIT extends CaseworkTesting {

	@Test
	void aVoluntaryReturnIsApprovedDepartsAndIsReintegrated() {
		fund("REINTEGRATION", "DKR", "40000.00");
		String avrr = avrrReadyForApproval("DKR");
		assertThat(
				post("officer", "/api/v1/tasks/" + taskId("supervisor", avrr, "Activity_ApproveReturn") + ":claim", "")
					.getStatusCode()
					.value())
			.as("the preparing officer cannot see the approval")
			.isEqualTo(404);
		completes("supervisor", avrr, "Activity_ApproveReturn", """
				{"approved": true}""");
		completes("officer", avrr, "Activity_Depart", """
				{"summary": "Arrived in Dakar"}""");
		completes("officer", avrr, "Activity_PrepareReintegrationPlan", """
				{"pathway": "AVRR", "vulnerabilities": ["SINGLE_PARENT"], "adults": 1, "children": 2,
				 "returnContext": "FRAGILE", "plan": "MICRO_BUSINESS", "businessPlanAssessed": true,
				 "contributionPct": 25, "reTraffickingRisk": "LOW", "bannedFromDestination": false,
				 "priorPackage": false, "age": 31}""");
		runDueSteps(avrr);
		// R8 STANDARD, R9 (fragile) up to ENHANCED; R10 matched grant (micro-business,
		// 25% >= 20).
		// Arrival cash 150 + 2 x 75 = 300; in kind 2,500 + 300 x 2 dependants = 3,100;
		// total 3,400.
		JsonNode pack = caseFile("supervisor", avrr).get("decisions").get(0);
		assertThat(pack.get("tier").asText()).isEqualTo("ENHANCED");
		assertThat(pack.get("components")).extracting(JsonNode::asText)
			.containsExactlyInAnyOrder("ARRIVAL_CASH", "BUSINESS_IN_KIND", "MATCHED_GRANT");
		assertThat(pack.get("grantedAmount").decimalValue()).isEqualByComparingTo("3400");
		assertThat(pack.get("monitoringMonths").asInt()).isEqualTo(9);
		completes("supervisor", avrr, "Activity_ApprovePackage", """
				{"approved": true}""");
		runDueSteps(avrr);
		completes("officer", avrr, "Activity_DeliverPackage", """
				{"deliveredAmount": 3400.00, "summary": "Stall and stock bought"}""");
		runDueSteps(avrr);
		for (int visit = 1; visit <= 3; visit++) {
			fireTimers(avrr);
			completes("officer", avrr, "Activity_MonitoringVisit", """
					{"sustainable": true, "summary": "Stall open"}""");
		}
		completes("officer", avrr, "Activity_CheckSustainability", """
				{"summary": "Income covers rent and school"}""");
		runDueSteps(avrr);
		assertThat(caseFile("supervisor", avrr).get("status").asText()).isEqualTo("CLOSED");
	}

	@Test
	void revokingVoluntarinessBeforeDepartureEndsTheReturnAndAfterDepartureIsRefused() {
		String revoked = avrrReadyForApproval("DKR");
		assertThat(post("officer", "/api/v1/cases/" + revoked + "/voluntariness:revoke", "").getStatusCode().value())
			.isEqualTo(204);
		runDueSteps(revoked);
		assertThat(caseFile("officer", revoked).get("status").asText()).isEqualTo("RETURN_REVOKED");

		String departed = avrrReadyForApproval("DKR");
		completes("supervisor", departed, "Activity_ApproveReturn", """
				{"approved": true}""");
		completes("officer", departed, "Activity_Depart", """
				{"summary": "Arrived"}""");
		ResponseEntity<String> late = post("officer", "/api/v1/cases/" + departed + "/voluntariness:revoke", "");
		assertThat(late.getStatusCode().value()).isEqualTo(409);
		assertThat(read(late.getBody()).get("type").asText()).isEqualTo("urn:passage:problem:not-before-departure");
	}

}
