package org.passage.cases;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.springframework.http.ResponseEntity;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Consent-aware processing (issue 12): once a person withdraws consent, Passage processes
 * their case no further, and the decision API decides nothing for it, recorded or not.
 */
class ConsentIT extends CaseworkTesting {

	/** A GAF input that would be decided ELIGIBLE (row G15) if nothing stopped it. */
	static final String GAF = """
			{"victimStatus": "IDENTIFIED", "crossBorder": true, "otherProgramme": "NONE", "consent": "GIVEN",
			 "minor": false, "unaccompanied": false, "guardianAppointed": false, "immediateDanger": false,
			 "requested": ["MEDICAL", "LEGAL"], "requestedAmount": 2500.00, "fundBalance": 10000.00,
			 "reTraffickingRisk": "LOW", "priorGafCases": 0, "caseId": "%s"}""";

	@Test
	void theDecisionApiDecidesNothingForACaseWhosePersonWithdrewConsent() {
		staffWorkFor("COA");
		// the calling system is granted the case's office: a system that is not learns
		// nothing of the case
		this.jdbc
			.sql("insert into app.staff_office (user_id, office) values ('api-client', 'COA') on conflict do nothing")
			.update();
		String reference = openCase("VOT", "COA");
		completes("officer", reference, "Activity_ScreenCase", VotCaseIT.SCREENING);
		completes("officer", reference, "Activity_ProvideImmediateNeeds", VotCaseIT.NEEDS);
		completes("officer", reference, "Activity_RecordConsent", VotCaseIT.CONSENT);
		ResponseEntity<String> whileGiven = post("api-client", "/api/v1/decisions/gaf:evaluate",
				GAF.formatted(reference));
		assertThat(whileGiven.getStatusCode().value()).as(whileGiven.getBody()).isEqualTo(200);

		assertThat(post("officer", "/api/v1/cases/" + reference + "/consent:withdraw", "").getStatusCode().value())
			.isEqualTo(204);
		long decisions = decisionsOf(reference);

		ResponseEntity<String> recorded = post("api-client", "/api/v1/decisions/gaf", GAF.formatted(reference));
		assertThat(recorded.getStatusCode().value()).as(recorded.getBody()).isEqualTo(409);
		assertThat(recorded.getHeaders().getContentType().toString()).isEqualTo("application/problem+json");
		assertThat(read(recorded.getBody()).get("type").asText()).isEqualTo("urn:passage:problem:consent-withdrawn");
		assertThat(
				post("api-client", "/api/v1/decisions/gaf:evaluate", GAF.formatted(reference)).getStatusCode().value())
			.as("not even a what-if")
			.isEqualTo(409);
		JsonNode batch = read(post("api-client", "/api/v1/decisions/gaf:batch",
				"{\"items\": [" + GAF.formatted(reference) + ", " + GAF.formatted("VOT-1999-000001") + "]}")
			.getBody());
		assertThat(batch.get("items")).extracting(item -> item.get("status").asInt()).containsExactly(409, 201);
		assertThat(decisionsOf(reference)).as("nothing recorded for the case").isEqualTo(decisions);
	}

	@Test
	void withdrawalStopsTheCasesProcessesAndNoStepIsLeftToTake() {
		staffWorkFor("COB");
		String reference = openCase("VOT", "COB");
		completes("officer", reference, "Activity_ScreenCase", VotCaseIT.SCREENING);
		completes("officer", reference, "Activity_ProvideImmediateNeeds", VotCaseIT.NEEDS);
		completes("officer", reference, "Activity_RecordConsent", VotCaseIT.CONSENT);

		assertThat(post("officer", "/api/v1/cases/" + reference + "/consent:withdraw", "").getStatusCode().value())
			.isEqualTo(204);
		runDueSteps(reference);

		JsonNode file = caseFile("officer", reference);
		assertThat(file.get("status").asText()).isEqualTo("CONSENT_WITHDRAWN");
		assertThat(file.get("openTasks")).isEmpty();
		assertThat(this.runtime.createProcessInstanceQuery().processInstanceBusinessKey(reference).count()).isZero();
	}

	private long decisionsOf(String reference) {
		return this.jdbc.sql("select count(*) from app.decision where case_id = ?")
			.param(reference)
			.query(Long.class)
			.single();
	}

}
