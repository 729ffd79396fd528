package org.passage.decisions;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.util.List;

import javax.sql.DataSource;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The decision API as another system uses it, on PostgreSQL, with the shipped tables. */
class DecisionApiIT extends DecisionApiTesting {

	/**
	 * GAF band 2 for an identified, consenting victim: the policy gives ELIGIBLE,
	 * REGIONAL approval.
	 */
	private static final String GAF = """
			{"victimStatus": "IDENTIFIED", "crossBorder": true, "otherProgramme": "NONE", "consent": "GIVEN",
			 "minor": false, "unaccompanied": false, "guardianAppointed": false, "immediateDanger": false,
			 "requested": ["MEDICAL", "LEGAL"], "requestedAmount": 2500.00, "fundBalance": 10000.00,
			 "reTraffickingRisk": "LOW", "priorGafCases": 0, "caseId": "VOT-2026-000123"}""";

	@Autowired
	private DataSource dataSource;

	private long before;

	@BeforeEach
	void countDecisions() {
		this.before = recorded();
	}

	@Test
	void recordsADecisionWithItsReasonsAndServesItBack() throws Exception {
		ResponseEntity<String> created = post("/api/v1/decisions/gaf", GAF, null, "fr");
		assertThat(created.getStatusCode()).isEqualTo(HttpStatus.CREATED);
		JsonNode decision = this.json.readTree(created.getBody());
		assertThat(created.getHeaders().getLocation())
			.hasToString("/api/v1/decisions/" + decision.get("decisionId").asText());
		assertThat(decision.get("programme").asText()).isEqualTo("gaf");
		assertThat(decision.get("decision").asText()).isEqualTo("ELIGIBLE");
		assertThat(decision.get("approvalLevel").asText()).isEqualTo("REGIONAL");
		assertThat(decision.get("grantedAmount").toString()).isEqualTo("2500.00");
		assertThat(decision.get("reasons").get(0).get("code").asText()).isEqualTo("GAF_BAND_2");
		assertThat(decision.get("reasons").get(0).get("row").asText()).isEqualTo("G15");
		assertThat(decision.get("reasons").get(0).get("message").asText()).startsWith("Éligible au GAF");
		assertThat(decision.get("rulesetVersion").get("hash").asText()).hasSize(64);
		assertThat(decision.has("tier")).isFalse();
		assertThat(recorded()).isEqualTo(this.before + 1);

		ResponseEntity<String> fetched = get(created.getHeaders().getLocation().toString());
		assertThat(this.json.readTree(fetched.getBody())).isEqualTo(decision);
		ResponseEntity<String> listed = get("/api/v1/decisions?caseId=VOT-2026-000123&programme=gaf");
		assertThat(this.json.readTree(listed.getBody()).findValuesAsText("decisionId"))
			.contains(decision.get("decisionId").asText());
	}

	@Test
	void recordsAtTheProgrammesAddressAndStillAtTheOneBeforeIt() throws Exception {
		ResponseEntity<String> current = post("/api/v1/programmes/gaf/decisions", GAF, null, "en");
		ResponseEntity<String> former = post("/api/v1/decisions/gaf", GAF, null, "en");
		assertThat(List.of(current.getStatusCode(), former.getStatusCode())).containsOnly(HttpStatus.CREATED);
		assertThat(this.json.readTree(current.getBody()).get("reasons"))
			.isEqualTo(this.json.readTree(former.getBody()).get("reasons"));
		assertThat(post("/api/v1/programmes/hasm/decisions:evaluate", "{}", null, "en").getStatusCode())
			.isEqualTo(HttpStatus.BAD_REQUEST);
		assertThat(recorded()).isEqualTo(this.before + 2);
	}

	@Test
	void evaluatesWithoutRecording() throws Exception {
		ResponseEntity<String> answer = post("/api/v1/decisions/hasm:evaluate", """
				{"stranded": true, "cause": "DESTITUTION", "migrationStatus": "IRREGULAR", "ownMeans": false,
				 "severity": "DESPERATE", "wishesToReturn": true, "protectionClaim": "NONE",
				 "suspectedVictimOfTrafficking": false, "avrrProjectAvailable": false, "crisisOperationActive": false,
				 "unaccompaniedMinor": false, "vulnerable": true, "travelDocument": "OBTAINABLE", "fitToTravel": "FIT",
				 "estimatedCost": 850.00, "fundBalance": 5000.00}""", null, "en");
		assertThat(answer.getStatusCode()).isEqualTo(HttpStatus.OK);
		JsonNode decision = this.json.readTree(answer.getBody());
		assertThat(decision.get("decisionId").isNull()).isTrue();
		assertThat(decision.findValuesAsText("code")).containsExactly("HASM_RETURN", "TRAVEL_DOCUMENT_TO_OBTAIN",
				"VULNERABLE_RETURNEE");
		assertThat(recorded()).isEqualTo(this.before);
	}

	@Test
	void decidesEachBatchItemOnItsOwn() throws Exception {
		String bad = GAF.replace("\"requestedAmount\": 2500.00", "\"requestedAmount\": -5");
		ResponseEntity<String> answer = post("/api/v1/decisions/gaf:batch",
				"{\"items\": [" + GAF + "," + bad + "," + GAF.replace("2500.00", "500.00") + "]}", null, "en");
		assertThat(answer.getStatusCode()).isEqualTo(HttpStatus.OK);
		JsonNode items = this.json.readTree(answer.getBody()).get("items");
		assertThat(items.findValuesAsText("status")).containsExactly("201", "400", "201");
		assertThat(items.get(1).get("problem").get("errors").get(0).get("field").asText()).isEqualTo("requestedAmount");
		assertThat(items.get(2).get("decision").get("approvalLevel").asText()).isEqualTo("SUPERVISOR");
		assertThat(recorded()).isEqualTo(this.before + 2);
	}

	@Test
	void replaysADecisionIdenticallyUnderItsOwnRuleset() throws Exception {
		String id = this.json.readTree(post("/api/v1/decisions/reintegration",
				"""
						{"pathway": "AVRR", "vulnerabilities": ["SINGLE_PARENT"], "adults": 1, "children": 2,
						 "returnContext": "STABLE", "plan": "JOB_PLACEMENT", "businessPlanAssessed": false, "contributionPct": 0,
						 "reTraffickingRisk": "LOW", "bannedFromDestination": false, "priorPackage": false, "age": 34}""",
				null, "en")
			.getBody()).get("decisionId").asText();
		JsonNode replay = this.json.readTree(post("/api/v1/decisions/" + id + ":replay", "", null, "en").getBody());
		assertThat(replay.get("identical").asBoolean()).isTrue();
		assertThat(replay.get("differences")).isEmpty();
		assertThat(replay.get("replayed").get("grantedAmount").decimalValue()).isEqualByComparingTo("2400");
		assertThat(recorded()).isEqualTo(this.before + 1);
	}

	@Test
	void answersARetryWithTheFirstResponseAndRefusesAnotherBody() throws Exception {
		ResponseEntity<String> first = post("/api/v1/decisions/gaf", GAF, "key-1", "en");
		ResponseEntity<String> retry = post("/api/v1/decisions/gaf", GAF, "key-1", "en");
		assertThat(retry.getStatusCode()).isEqualTo(HttpStatus.CREATED);
		assertThat(retry.getBody()).isEqualTo(first.getBody());
		assertThat(retry.getHeaders().getLocation()).isEqualTo(first.getHeaders().getLocation());
		assertThat(recorded()).isEqualTo(this.before + 1);

		ResponseEntity<String> other = post("/api/v1/decisions/gaf", GAF.replace("2500.00", "2600.00"), "key-1", "en");
		assertProblem(other, HttpStatus.UNPROCESSABLE_ENTITY, "idempotency-key-reused");

		assertThat(recorded()).isEqualTo(this.before + 1);
	}

	/**
	 * The claim on a key is the recording transaction's own: while a first request with
	 * the key runs, a retry is 409; once that transaction ends without committing (a
	 * crash, a rollback), the retry goes ahead at once, not hours later.
	 */
	@Test
	void refusesARetryWhileTheFirstRunsAndLetsItThroughOnceTheFirstDied() throws Exception {
		try (Connection first = this.dataSource.getConnection()) {
			first.setAutoCommit(false);
			try (PreparedStatement claim = first.prepareStatement("select pg_advisory_xact_lock("
					+ "('x' || left(encode(sha256(convert_to(?, 'UTF8') || '\\x00'::bytea || convert_to(?, 'UTF8')), 'hex'), 16))::bit(64)::bigint)")) {
				claim.setString(1, "api-client");
				claim.setString(2, "key-2");
				claim.execute();
			}
			assertProblem(post("/api/v1/decisions/gaf", GAF, "key-2", "en"), HttpStatus.CONFLICT,
					"idempotency-key-in-flight");
			assertThat(recorded()).isEqualTo(this.before);
		}
		ResponseEntity<String> retry = post("/api/v1/decisions/gaf", GAF, "key-2", "en");
		assertThat(retry.getStatusCode()).isEqualTo(HttpStatus.CREATED);
		assertThat(recorded()).isEqualTo(this.before + 1);
	}

	/** A claim an earlier release committed before its work is abandoned: taken over. */
	@Test
	void takesOverAKeyClaimedButNeverCompleted() {
		this.jdbc.sql("insert into app.idempotency_key (caller, key, request_hash) values ('api-client', 'key-3', ?)")
			.param("0".repeat(64))
			.update();
		assertThat(post("/api/v1/decisions/gaf", GAF, "key-3", "en").getStatusCode()).isEqualTo(HttpStatus.CREATED);
		assertThat(post("/api/v1/decisions/gaf", GAF, "key-3", "en").getStatusCode()).isEqualTo(HttpStatus.CREATED);
		assertThat(recorded()).isEqualTo(this.before + 1);
	}

	/**
	 * A replay is the stored view written again by the same ObjectMapper: byte for byte
	 * the first answer, for a batch and for a reintegration package's own outputs too.
	 */
	@Test
	void answersARetryOfABatchAndOfAReintegrationPackageByteForByte() {
		String batch = "{\"items\": [" + GAF + ","
				+ GAF.replace("\"requestedAmount\": 2500.00", "\"requestedAmount\": -5") + "]}";
		ResponseEntity<String> first = post("/api/v1/decisions/gaf:batch", batch, "key-batch", "fr");
		ResponseEntity<String> retry = post("/api/v1/decisions/gaf:batch", batch, "key-batch", "fr");
		assertThat(retry.getStatusCode()).isEqualTo(HttpStatus.OK);
		assertThat(retry.getBody()).isEqualTo(first.getBody()).contains("\"status\":400", "2500.00");
		String reintegration = """
				{"pathway": "AVRR", "vulnerabilities": ["SINGLE_PARENT", "DISABILITY"], "adults": 2, "children": 3,
				 "returnContext": "FRAGILE", "plan": "MICRO_BUSINESS", "businessPlanAssessed": true,
				 "contributionPct": 25, "reTraffickingRisk": "LOW", "bannedFromDestination": true,
				 "priorPackage": false, "age": 19}""";
		ResponseEntity<String> package_ = post("/api/v1/decisions/reintegration", reintegration, "key-package", "es");
		ResponseEntity<String> again = post("/api/v1/decisions/reintegration", reintegration, "key-package", "es");
		assertThat(again.getStatusCode()).isEqualTo(HttpStatus.CREATED);
		assertThat(again.getBody()).isEqualTo(package_.getBody()).contains("\"tier\":", "\"monitoringMonths\":");
		assertThat(recorded()).isEqualTo(this.before + 2);
	}

	@Test
	void decidesUnderTheRulesetLiveAtAnInstantAndRefusesAnInstantBeforeAnyWas() throws Exception {
		JsonNode now = this.json.readTree(post("/api/v1/decisions/gaf:evaluate",
				GAF.replace("}", ", \"asOf\": \"" + java.time.OffsetDateTime.now().plusSeconds(1) + "\"}"), null, "en")
			.getBody());
		assertThat(now.get("rulesetVersion").get("label").asText()).isEqualTo("gaf-eligibility v1 (shipped)");
		JsonNode before = assertProblem(post("/api/v1/decisions/gaf:evaluate",
				GAF.replace("}", ", \"asOf\": \"2000-01-01T00:00:00Z\"}"), null, "en"), HttpStatus.BAD_REQUEST,
				"invalid-request");
		assertThat(before.get("errors").get(0).get("field").asText()).isEqualTo("asOf");
	}

	@Test
	void forgetsAnIdempotencyKeyAfter24Hours() {
		assertThat(post("/api/v1/decisions/gaf", GAF, "key-old", "en").getStatusCode()).isEqualTo(HttpStatus.CREATED);
		this.jdbc.sql("update app.idempotency_key set created_at = now() - interval '25 hours' where key = 'key-old'")
			.update();
		ResponseEntity<String> reused = post("/api/v1/decisions/gaf", GAF.replace("2500.00", "2600.00"), "key-old",
				"en");
		assertThat(reused.getStatusCode()).isEqualTo(HttpStatus.CREATED);
		assertThat(recorded()).isEqualTo(this.before + 2);
	}

	@Test
	void refusesBadInputWithAProblemNamingTheFieldAndWritesNothing() throws Exception {
		JsonNode unknown = assertProblem(
				post("/api/v1/decisions/gaf", GAF.replace("\"minor\"", "\"minorr\""), null, "en"),
				HttpStatus.BAD_REQUEST, "invalid-request");
		assertThat(unknown.get("errors").get(0).get("field").asText()).isEqualTo("minorr");
		JsonNode wrongType = assertProblem(post("/api/v1/decisions/gaf",
				GAF.replace("\"priorGafCases\": 0", "\"priorGafCases\": \"none\""), null, "en"), HttpStatus.BAD_REQUEST,
				"invalid-request");
		assertThat(wrongType.get("errors").get(0).get("field").asText()).isEqualTo("priorGafCases");
		JsonNode badEnum = assertProblem(
				post("/api/v1/decisions/gaf", GAF.replace("\"GIVEN\"", "\"MAYBE\""), null, "en"),
				HttpStatus.BAD_REQUEST, "invalid-request");
		assertThat(badEnum.get("errors").get(0).get("field").asText()).isEqualTo("consent");
		assertThat(badEnum.get("errors").get(0).get("allowed").toString()).contains("GIVEN", "WITHDRAWN");
		JsonNode missing = assertProblem(
				post("/api/v1/decisions/gaf", GAF.replace("\"minor\": false,", ""), null, "en"), HttpStatus.BAD_REQUEST,
				"invalid-request");
		assertThat(missing.get("errors").get(0).get("field").asText()).isEqualTo("minor");
		JsonNode domain = assertProblem(
				post("/api/v1/decisions/gaf", GAF.replace("[\"MEDICAL\", \"LEGAL\"]", "[]"), null, "en"),
				HttpStatus.BAD_REQUEST, "invalid-request");
		assertThat(domain.get("errors").get(0).get("field").asText()).isEqualTo("requested");
		assertProblem(post("/api/v1/decisions/gaf", "{\"victimStatus\": ", null, "en"), HttpStatus.BAD_REQUEST,
				"malformed-json");
		String huge = "{\"items\": [" + String.join(",", java.util.Collections.nCopies(6000, GAF)) + "]}";
		assertProblem(post("/api/v1/decisions/gaf:batch", huge, null, "en"), HttpStatus.PAYLOAD_TOO_LARGE,
				"payload-too-large");
		HttpHeaders text = headers(null, "en");
		text.setContentType(MediaType.TEXT_PLAIN);
		ResponseEntity<String> unsupported = this.http.withBasicAuth("api-client", "api-client")
			.exchange("/api/v1/decisions/gaf", HttpMethod.POST, new HttpEntity<>(GAF, text), String.class);
		assertThat(unsupported.getStatusCode()).isEqualTo(HttpStatus.UNSUPPORTED_MEDIA_TYPE);
		assertThat(unsupported.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
		assertProblem(post("/api/v1/decisions/refugee", GAF, null, "en"), HttpStatus.NOT_FOUND, "not-found");
		assertProblem(get("/api/v1/decisions/" + java.util.UUID.randomUUID()), HttpStatus.NOT_FOUND, "not-found");
		assertProblem(get("/api/v1/decisions?size=5000"), HttpStatus.BAD_REQUEST, "invalid-request");
		assertThat(recorded()).isEqualTo(this.before);
	}

	@Test
	void letsOnlyDecisionApiClientsIn() {
		assertThat(this.http
			.postForEntity("/api/v1/decisions/gaf:evaluate", new HttpEntity<>(GAF, headers(null, "en")), String.class)
			.getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED);
		assertThat(this.http.withBasicAuth("officer", "officer")
			.postForEntity("/api/v1/decisions/gaf:evaluate", new HttpEntity<>(GAF, headers(null, "en")), String.class)
			.getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
	}

	@Test
	void keepsRecordedDecisionsAppendOnly() {
		post("/api/v1/decisions/gaf", GAF, null, "en");
		assertThatThrownBy(() -> this.jdbc.sql("update app.decision set outcome = 'REFER'").update()).rootCause()
			.hasMessageContaining("decision is append-only");
		assertThatThrownBy(() -> this.jdbc.sql("delete from app.decision").update()).rootCause()
			.hasMessageContaining("decision is append-only");
	}

	private JsonNode assertProblem(ResponseEntity<String> response, HttpStatus status, String type) throws Exception {
		assertThat(response.getStatusCode()).isEqualTo(status);
		assertThat(response.getHeaders().getContentType()).isNotNull()
			.matches(media -> media.isCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON));
		JsonNode problem = this.json.readTree(response.getBody());
		assertThat(problem.get("type").asText()).isEqualTo("urn:passage:problem:" + type);
		assertThat(problem.get("status").asInt()).isEqualTo(status.value());
		return problem;
	}

}
