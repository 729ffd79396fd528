package org.passage.cases;

import java.io.IOException;
import java.io.InputStream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.camunda.bpm.engine.RepositoryService;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.ResponseEntity;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A step whose completion leads to a decision is refused (400, naming the field) when the
 * decision could not be made with the facts it would leave, instead of the decision
 * failing three times in the background and becoming an incident. Nothing changes: the
 * step stays open.
 */
class DecisionFactsAtTheStepIT extends CaseworkTesting {

	@Autowired
	RepositoryService repository;

	@Test
	void aReintegrationPlanForAHouseholdLargerThanThePolicyCoversIsRefusedAtThePlan() {
		String avrr = avrrReadyForApproval("DKR");
		completes("supervisor", avrr, "Activity_ApproveReturn", """
				{"approved": true}""");
		completes("officer", avrr, "Activity_Depart", """
				{"summary": "Arrived"}""");

		// domain.md 2.3: adults 1-10, children 0-10, adults + children <= 15. The form
		// allows each
		// number alone; only the decision's input domain knows the household limit.
		ResponseEntity<String> refused = complete("officer", avrr, "Activity_PrepareReintegrationPlan", """
				{"pathway": "AVRR", "vulnerabilities": [], "adults": 10, "children": 10,
				 "returnContext": "STABLE", "plan": "HOUSING", "businessPlanAssessed": false,
				 "contributionPct": 0, "reTraffickingRisk": "LOW", "bannedFromDestination": false,
				 "priorPackage": false, "age": 40}""");
		assertThat(refused.getStatusCode().value()).as(refused.getBody()).isEqualTo(400);
		assertThat(refused.getHeaders().getContentType().toString()).isEqualTo("application/problem+json");
		assertThat(read(refused.getBody()).get("errors")).extracting(error -> error.get("field").asText())
			.containsExactly("children");
		assertThat(taskId("officer", avrr, "Activity_PrepareReintegrationPlan")).as("the plan is still open")
			.isNotBlank();
		assertThat(caseFile("officer", avrr).get("facts").has("adults")).as("no fact recorded").isFalse();
		assertThat(jobs(avrr, false)).as("no decision started").isEmpty();
	}

	@Test
	void aFactAFormNoLongerAsksForIsMissingAtTheStepThatShouldSupplyIt() throws IOException {
		// An operator redeploys the plan form (as from Modeler) without requiring the
		// amount.
		ObjectNode form;
		try (InputStream in = getClass().getResourceAsStream("/forms/assistance-plan.form")) {
			form = (ObjectNode) this.json.readTree(in);
		}
		for (JsonNode field : form.get("components")) {
			if ("requestedAmount".equals(field.path("key").asText())) {
				((ObjectNode) field.get("validate")).put("required", false);
			}
		}
		String deployment = this.repository.createDeployment()
			.addString("assistance-plan.form", form.toString())
			.deploy()
			.getId();
		try {
			staffWorkFor("ACC");
			String vot = openCase("VOT", "ACC");
			completes("officer", vot, "Activity_ScreenCase", VotCaseIT.SCREENING);
			completes("officer", vot, "Activity_ProvideImmediateNeeds", VotCaseIT.NEEDS);
			completes("officer", vot, "Activity_RecordConsent", VotCaseIT.CONSENT);
			completes("officer", vot, "Activity_AssessRisk", VotCaseIT.RISK);
			ResponseEntity<String> refused = complete("officer", vot, "Activity_PlanAssistance", """
					{"requested": ["MEDICAL"], "otherProgramme": "NONE"}""");
			assertThat(refused.getStatusCode().value()).as(refused.getBody()).isEqualTo(400);
			assertThat(read(refused.getBody()).get("errors")).extracting(error -> error.get("field").asText())
				.containsExactly("requestedAmount");
			assertThat(jobs(vot, false)).as("no decision started").isEmpty();
		}
		finally {
			this.repository.deleteDeployment(deployment, true);
		}
	}

}
