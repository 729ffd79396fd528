package org.passage.cases;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.passage.decisiontables.PolicyChanges;
import org.passage.decisiontables.internal.Activations;
import org.passage.rules.decision.Programme;
import org.passage.rules.table.TableFile;
import org.passage.security.Roles;
import org.passage.testing.GafWorkbook;
import org.passage.testing.SignedIn;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.TestPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An open case keeps the ruleset version its decision was made under until a person asks
 * for the decision again. Two VoT cases ask 800 from funds holding 500 and are decided
 * under reference policy v1 (G14: band 1, SUPERVISOR; G19b: more than the fund holds,
 * ELIGIBLE_PENDING_FUNDS). Then a version moving the band-1 edge down to 500 takes
 * effect, under which 800 is band 2 (G15, REGIONAL). A fund top-up alone decides the
 * first case again under v1; the supervisor's "decide again" decides the second under the
 * new version.
 */
// Its own database: it puts a version in effect, which the other case tests must not see.
@TestPropertySource(properties = "passage.rulesets.poll-interval=PT0.5S")
class OpenCasesKeepTheirVersionIT extends CaseworkTesting {

	@Autowired
	PolicyChanges changes;

	@Autowired
	Activations activations;

	@Test
	void aTopUpDecidesAgainUnderTheCasesVersionAndAPersonsRequestUnderTheVersionInEffect() {
		staffWorkFor("KEP");
		staffWorkFor("KEQ");
		fund("GAF", "KEP", "500.00");
		fund("GAF", "KEQ", "500.00");
		String toppedUp = decidedCase("KEP");
		String askedAgain = decidedCase("KEQ");
		JsonNode first = latestDecision(toppedUp);
		assertThat(first.get("decision").asText()).isEqualTo("ELIGIBLE_PENDING_FUNDS");
		assertThat(first.get("approvalLevel").asText()).isEqualTo("SUPERVISOR");
		String v1 = first.at("/rulesetVersion/hash").asText();
		assertThat(latestDecision(askedAgain).at("/rulesetVersion/hash").asText()).isEqualTo(v1);

		byte[] workbook = GafWorkbook.withBandOneUpTo(500);
		long edge500 = SignedIn.as("editor", Roles.POLICY_EDITOR, () -> {
			long id = this.changes
				.upload(Programme.GAF, new TableFile("gaf-eligibility.xlsx", workbook), "Band 1 up to 500", "editor")
				.version()
				.id();
			this.changes.submit(id, "editor");
			return id;
		});
		SignedIn.as("approver", Roles.POLICY_APPROVER, () -> this.changes.approve(edge500, null, null, "approver"));
		this.activations.poll();
		String newVersion = this.jdbc.sql("select content_hash from app.ruleset where id = ?")
			.param(edge500)
			.query(String.class)
			.single();

		// No person asked: the top-up wakes the case, which is decided under v1 again,
		// now with funds enough (G14 alone).
		fund("GAF", "KEP", "1000.00");
		runDueSteps(toppedUp);
		JsonNode again = latestDecision(toppedUp);
		assertThat(again.get("decisionId").asText()).isNotEqualTo(first.get("decisionId").asText());
		assertThat(again.get("decision").asText()).isEqualTo("ELIGIBLE");
		assertThat(again.get("approvalLevel").asText()).isEqualTo("SUPERVISOR");
		assertThat(again.at("/reasons/0/code").asText()).isEqualTo("GAF_BAND_1");
		assertThat(again.at("/rulesetVersion/hash").asText()).isEqualTo(v1);
		assertThat(taskId("supervisor", toppedUp, "Activity_ApproveAssistance")).isNotBlank();

		// The supervisor decides again while funds are short: the version in effect
		// decides, 800 is band 2 (G15, REGIONAL), still more than the fund holds (G19b).
		completes("supervisor", askedAgain, "Activity_DecideOnPendingFunds", """
				{"closeCase": false, "comment": "The new bands apply to this case"}""");
		runDueSteps(askedAgain);
		JsonNode asked = latestDecision(askedAgain);
		assertThat(asked.get("decision").asText()).isEqualTo("ELIGIBLE_PENDING_FUNDS");
		assertThat(asked.get("approvalLevel").asText()).isEqualTo("REGIONAL");
		assertThat(asked.at("/reasons/0/code").asText()).isEqualTo("GAF_BAND_2");
		assertThat(asked.at("/rulesetVersion/hash").asText()).isEqualTo(newVersion);
	}

	/** A VoT case asking 800 for medical and psychosocial care, to its GAF decision. */
	private String decidedCase(String office) {
		String vot = openCase("VOT", office);
		completes("officer", vot, "Activity_ScreenCase", VotCaseIT.SCREENING);
		completes("officer", vot, "Activity_ProvideImmediateNeeds", VotCaseIT.NEEDS);
		completes("officer", vot, "Activity_RecordConsent", VotCaseIT.CONSENT);
		completes("officer", vot, "Activity_AssessRisk", VotCaseIT.RISK);
		completes("officer", vot, "Activity_PlanAssistance", VotCaseIT.PLAN);
		runDueSteps(vot);
		return vot;
	}

	private JsonNode latestDecision(String reference) {
		return caseFile("supervisor", reference).get("decisions").get(0);
	}

}
