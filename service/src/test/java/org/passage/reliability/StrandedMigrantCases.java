package org.passage.reliability;

import java.net.http.HttpResponse;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.passage.testing.PackagedService;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A case officer working stranded migrants' cases through the API of a packaged service
 * up to the HASM decision, which the engine makes in a job (an asynchronous step): work
 * for whichever node takes it, and a decision delegate to be running when a node dies.
 */
final class StrandedMigrantCases {

	/** A destitute, irregular migrant who wishes to return: HASM return assistance. */
	static final String RETURN_NEEDS = """
			{"stranded": true, "cause": "DESTITUTION", "migrationStatus": "IRREGULAR", "ownMeans": false,
			 "severity": "DESPERATE", "wishesToReturn": true, "protectionClaim": "NONE",
			 "suspectedVictimOfTrafficking": false, "avrrProjectAvailable": false, "crisisOperationActive": false,
			 "unaccompaniedMinor": false, "vulnerable": true, "travelDocument": "OBTAINABLE", "fitToTravel": "FIT",
			 "estimatedCost": 850.00}""";

	private final ObjectMapper json = new ObjectMapper();

	private final String office;

	StrandedMigrantCases(String office) {
		this.office = office;
	}

	/**
	 * Opens a case on {@code opener} and works it on {@code worker} up to the HASM
	 * decision; answers the case's reference.
	 */
	String toTheHasmDecision(PackagedService opener, PackagedService worker) throws Exception {
		HttpResponse<String> opened = opener.send("officer", "POST", "/api/v1/cases",
				Bodies.newCase("STRANDED_MIGRANT", this.office));
		assertThat(opened.statusCode()).as(opened.body()).isEqualTo(201);
		String reference = this.json.readTree(opened.body()).get("reference").asText();
		complete(worker, reference, "Activity_ProvideImmediateHelp", """
				{"needsMet": ["FOOD_WATER"], "summary": "Water and a bed"}""");
		complete(worker, reference, "Activity_ScreenProtectionNeeds", """
				{"screening": "NONE"}""");
		complete(worker, reference, "Activity_ConfirmWishToReturn", RETURN_NEEDS);
		return reference;
	}

	private void complete(PackagedService node, String reference, String step, String form) throws Exception {
		String taskId = null;
		long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
		while (taskId == null && System.nanoTime() < deadline) {
			for (JsonNode task : this.json.readTree(node.send("officer", "GET", "/api/v1/tasks", null).body())) {
				if (task.get("caseReference").asText().equals(reference) && task.get("step").asText().equals(step)) {
					taskId = task.get("id").asText();
				}
			}
		}
		assertThat(taskId).as(step + " of " + reference).isNotNull();
		HttpResponse<String> done = node.send("officer", "POST", "/api/v1/tasks/" + taskId + ":complete", form);
		assertThat(done.statusCode()).as(step + ": " + done.body()).isEqualTo(204);
	}

}
