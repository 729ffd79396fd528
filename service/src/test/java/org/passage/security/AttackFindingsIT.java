package org.passage.security;

import java.util.List;
import java.util.Locale;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.User;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.passage.decisions.DecisionContext;
import org.passage.decisions.DecisionService;
import org.passage.rules.decision.Component;
import org.passage.rules.facts.Consent;
import org.passage.rules.facts.GafInput;
import org.passage.rules.facts.OtherProgramme;
import org.passage.rules.facts.RiskLevel;
import org.passage.rules.facts.VictimStatus;
import org.passage.testing.PassageIntegrationTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.TestPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What was found when Passage was tried as an attacker would (issue 12), each finding a
 * nested class that failed before its fix. The service runs as it does behind a
 * TLS-terminating proxy ({@code server.forward-headers-strategy=native}), so a test can
 * say which source address a call comes from ({@code X-Forwarded-For}) and whether it
 * came over TLS ({@code X-Forwarded-Proto}).
 */
@PassageIntegrationTest
@TestPropertySource(properties = "server.forward-headers-strategy=native")
@org.springframework.context.annotation.Import(AttackFindingsIT.Failing.class)
class AttackFindingsIT {

	/**
	 * GAF band 1 for an identified, consenting victim: ELIGIBLE, SUPERVISOR (domain brief
	 * 2.1, G14).
	 */
	static final String GAF = """
			{"victimStatus": "IDENTIFIED", "crossBorder": true, "otherProgramme": "NONE", "consent": "GIVEN",
			 "minor": false, "unaccompanied": false, "guardianAppointed": false, "immediateDanger": false,
			 "requested": ["MEDICAL"], "requestedAmount": 500.00, "fundBalance": 10000.00,
			 "reTraffickingRisk": "LOW", "priorGafCases": 0%s}""";

	@Autowired
	TestRestTemplate http;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	ObjectMapper json;

	@Autowired
	IdentityService identity;

	@Autowired
	DecisionService decisions;

	@Autowired
	org.passage.cases.CaseService cases;

	@Autowired
	org.camunda.bpm.engine.ProcessEngine engine;

	@Nested
	class ACallingSystemWritesIntoRealCaseFiles {

		@Test
		void aDecisionNamingACaseOfAnOfficeTheClientIsNotGrantedIsRefusedAndRecordsNothing() {
			String partner = system("partner-" + unique());
			String reference = openCase("TUN");
			long before = decisionsOf(reference);

			ResponseEntity<String> refused = call(partner, HttpMethod.POST, "/api/v1/decisions/gaf",
					GAF.formatted(", \"caseId\": \"" + reference + "\""));

			assertThat(refused.getStatusCode().value()).as(refused.getBody()).isEqualTo(404);
			assertProblem(refused, "caseId");
			assertThat(decisionsOf(reference)).isEqualTo(before);
			assertThat(caseFile(reference).get("decisions")).isEmpty();
		}

		@Test
		void aClientGrantedTheCasesOfficeRecordsADecisionForItButTheCaseFileShowsOnlyWhatItsProcessDecided() {
			String partner = system("partner-" + unique());
			String reference = openCase("TUN");
			assertThat(call("admin", HttpMethod.PUT, "/api/v1/staff/" + partner + "/offices", """
					{"offices": ["TUN"]}""").getStatusCode().value()).isEqualTo(204);

			ResponseEntity<String> recorded = call(partner, HttpMethod.POST, "/api/v1/decisions/gaf",
					GAF.formatted(", \"caseId\": \"" + reference + "\""));

			assertThat(recorded.getStatusCode().value()).as(recorded.getBody()).isEqualTo(201);
			assertThat(read(recorded).get("caseId").asText()).isEqualTo(reference);
			assertThat(AttackFindingsIT.this.jdbc.sql("select caller from app.decision where case_id = ?")
				.param(reference)
				.query(String.class)
				.list()).containsExactly(partner);
			assertThat(caseFile(reference).get("decisions")).isEmpty();
		}

		@Test
		void aCaseIdThatNamesNoPassageCaseStaysTheClientsOwnReference() {
			String partner = system("partner-" + unique());

			ResponseEntity<String> recorded = call(partner, HttpMethod.POST, "/api/v1/decisions/gaf",
					GAF.formatted(", \"caseId\": \"EXT-1999-000001\""));

			assertThat(recorded.getStatusCode().value()).as(recorded.getBody()).isEqualTo(201);
		}

	}

	@Nested
	class DecisionsAreScopedToTheirCaller {

		@Test
		void aClientReadsTheDecisionsItRecordedAndNoOthers() {
			String mine = system("partner-" + unique());
			String theirs = system("partner-" + unique());
			String myDecision = read(call(mine, HttpMethod.POST, "/api/v1/decisions/gaf", GAF.formatted("")))
				.get("decisionId")
				.asText();
			String theirDecision = read(call(theirs, HttpMethod.POST, "/api/v1/decisions/gaf", GAF.formatted("")))
				.get("decisionId")
				.asText();

			assertThat(call(mine, HttpMethod.GET, "/api/v1/decisions/" + myDecision, null).getStatusCode().value())
				.isEqualTo(200);
			ResponseEntity<String> another = call(mine, HttpMethod.GET, "/api/v1/decisions/" + theirDecision, null);
			assertThat(another.getStatusCode().value()).isEqualTo(404);
			assertProblem(another, null);
			assertThat(
					call(mine, HttpMethod.POST, "/api/v1/decisions/" + theirDecision + ":replay", null).getStatusCode()
						.value())
				.isEqualTo(404);
			assertThat(ids(call(mine, HttpMethod.GET, "/api/v1/decisions?size=200", null))).contains(myDecision)
				.doesNotContain(theirDecision);
		}

		@Test
		void decisionsMadeInsideACaseAreNoClientsToRead() {
			String partner = system("partner-" + unique());
			String reference = "VOT-2026-" + String.format("%06d", 900_000 + (int) (Math.random() * 99_999));
			UUID madeByTheProcess = this.decisionsInsideCase(reference);

			assertThat(call(partner, HttpMethod.GET, "/api/v1/decisions/" + madeByTheProcess, null).getStatusCode()
				.value()).isEqualTo(404);
			assertThat(ids(call(partner, HttpMethod.GET, "/api/v1/decisions?caseId=" + reference, null))).isEmpty();
		}

		private UUID decisionsInsideCase(String reference) {
			return AttackFindingsIT.this.decisions
				.record(new GafInput(VictimStatus.IDENTIFIED, true, OtherProgramme.NONE, Consent.GIVEN, false, false,
						false, false, java.util.Set.of(Component.MEDICAL), new java.math.BigDecimal("500.00"),
						new java.math.BigDecimal("10000.00"), RiskLevel.LOW, 0),
						new DecisionContext(reference, "process", Locale.ENGLISH))
				.decisionId();
		}

	}

	@Nested
	class SignInThrottlingSlowsAttackersWithoutLockingPeopleOut {

		@Test
		void wrongPasswordsFromOneSourceAreSlowedThereWhileTheRealUserSignsInFromTheirs() {
			String user = system("throttled-" + unique());
			String attacker = source();
			List<Integer> answers = new java.util.ArrayList<>();
			for (int attempt = 0; attempt < 12; attempt++) {
				answers.add(from(attacker, user, "guess-" + attempt, "/api/v1/decisions").getStatusCode().value());
			}
			assertThat(answers).as("five wrong passwords are answered, then the source must wait")
				.containsExactly(401, 401, 401, 401, 401, 429, 429, 429, 429, 429, 429, 429);
			ResponseEntity<String> slowed = from(attacker, user, user, "/api/v1/decisions");
			assertThat(slowed.getStatusCode().value()).as("not even the right password is tried").isEqualTo(429);
			assertProblem(slowed, null);
			assertThat(Long.parseLong(slowed.getHeaders().getFirst("Retry-After"))).isBetween(1L, 600L);

			assertThat(from(source(), user, user, "/api/v1/decisions").getStatusCode().value())
				.as("the real user, from their own source, at once")
				.isEqualTo(200);
		}

		@Test
		void aWrongPasswordDoesNotHoldUpTheRightOneThatFollows() {
			String user = system("typo-" + unique());
			String here = source();
			assertThat(from(here, user, "typo", "/api/v1/decisions").getStatusCode().value()).isEqualTo(401);
			assertThat(from(here, user, user, "/api/v1/decisions").getStatusCode().value()).isEqualTo(200);
		}

		@Test
		void tenWrongPasswordsFromEverywhereNeverLockTheAccountForGood() {
			String user = system("sprayed-" + unique());
			for (int attempt = 0; attempt < 12; attempt++) {
				from(source(), user, "guess-" + attempt, "/api/v1/decisions");
			}
			assertThat(from(source(), user, user, "/api/v1/decisions").getStatusCode().value()).isEqualTo(200);
		}

		@Test
		void aSourceTryingManyAccountsIsSlowedOnEveryAccount() {
			String sprayer = source();
			String user = system("bystander-" + unique());
			for (int attempt = 0; attempt < 30; attempt++) {
				from(sprayer, "nobody-" + unique(), "guess", "/api/v1/decisions");
			}
			assertThat(from(sprayer, user, "guess", "/api/v1/decisions").getStatusCode().value()).isEqualTo(429);
			assertThat(from(source(), user, user, "/api/v1/decisions").getStatusCode().value()).isEqualTo(200);
		}

		@Test
		void thePagesSignInIsThrottledTheSameWay() {
			String user = account("officer-" + unique(), Roles.CASE_OFFICER);
			String attacker = source();
			PageSession page = signInPage(attacker);
			for (int attempt = 0; attempt < 5; attempt++) {
				ResponseEntity<String> wrong = page.signIn(user, "guess");
				assertThat(wrong.getStatusCode().value()).as(wrong.getHeaders() + " " + wrong.getBody()).isEqualTo(302);
				assertThat(wrong.getHeaders().getLocation().toString()).endsWith("/?error");
			}
			ResponseEntity<String> slowed = page.signIn(user, user);
			assertThat(slowed.getHeaders().getLocation().toString()).endsWith("/?throttled");
			String sentence = send(null, null, HttpMethod.GET, "/?throttled", null, page.headers()).getBody();
			assertThat(sentence).contains("Too many failed sign-ins");

			assertThat(signInPage(source()).signIn(user, user).getHeaders().getLocation().toString()).endsWith("/");
		}

		@Test
		void anOperatorsSignInToCamundasWebappsIsThrottledTheSameWay() {
			HttpHeaders attacker = webappSession(source());
			List<Integer> answers = new java.util.ArrayList<>();
			String last = null;
			for (int attempt = 0; attempt < 7; attempt++) {
				ResponseEntity<String> answer = webappSignIn(attacker, "admin", "guess-" + attempt);
				answers.add(answer.getStatusCode().value());
				last = answer.getHeaders() + " " + answer.getBody();
			}
			assertThat(answers).as(attacker + " " + last).containsExactly(401, 401, 401, 401, 401, 429, 429);
			assertThat(webappSignIn(webappSession(source()), "admin", "admin").getStatusCode().value()).isEqualTo(200);
		}

		/**
		 * A browser on Camunda's welcome page: its session and the CSRF token Camunda's
		 * webapps require.
		 */
		private HttpHeaders webappSession(String source) {
			ResponseEntity<String> welcome = send(null, null, HttpMethod.GET, "/camunda/app/welcome/default/", null,
					forwardedFor(source));
			List<String> cookies = welcome.getHeaders()
				.getOrEmpty(HttpHeaders.SET_COOKIE)
				.stream()
				.map(cookie -> cookie.split(";", 2)[0])
				.toList();
			HttpHeaders headers = forwardedFor(source);
			headers.set(HttpHeaders.COOKIE, String.join("; ", cookies));
			headers.set("X-XSRF-TOKEN",
					cookies.stream()
						.filter(cookie -> cookie.startsWith("XSRF-TOKEN="))
						.findFirst()
						.orElseThrow()
						.substring("XSRF-TOKEN=".length()));
			headers.setContentType(MediaType.APPLICATION_FORM_URLENCODED);
			return headers;
		}

		private ResponseEntity<String> webappSignIn(HttpHeaders session, String user, String password) {
			return send(null, null, HttpMethod.POST,
					"/camunda/api/admin/auth/user/" + AttackFindingsIT.this.engine.getName() + "/login/welcome",
					"username=" + user + "&password=" + password, session);
		}

	}

	@Nested
	class AmountsHaveAnUpperBound {

		@org.junit.jupiter.params.ParameterizedTest
		@org.junit.jupiter.params.provider.ValueSource(
				strings = { "1e308", "12345678901234567890123456789012345678901", "1e10000", "10000000.01" })
		void anAmountAboveTenMillionIsRefusedNamingTheFieldAndNothingIsRecorded(String amount) {
			long before = recorded();
			String body = GAF.replace("\"requestedAmount\": 500.00", "\"requestedAmount\": " + amount).formatted("");
			for (HttpHeaders headers : List.of(new HttpHeaders(), idempotencyKey())) {
				ResponseEntity<String> refused = send("api-client", "api-client", HttpMethod.POST,
						"/api/v1/decisions/gaf", body, headers);
				assertThat(refused.getStatusCode().value()).as(refused.getBody()).isEqualTo(400);
				assertProblem(refused, "requestedAmount");
			}
			ResponseEntity<String> hasm = call("api-client", HttpMethod.POST, "/api/v1/decisions/hasm", """
					{"stranded": true, "cause": "DESTITUTION", "migrationStatus": "IRREGULAR", "ownMeans": false,
					 "severity": "DESPERATE", "wishesToReturn": true, "protectionClaim": "NONE",
					 "suspectedVictimOfTrafficking": false, "avrrProjectAvailable": false,
					 "crisisOperationActive": false, "unaccompaniedMinor": false, "vulnerable": false,
					 "travelDocument": "VALID", "fitToTravel": "FIT", "estimatedCost": 850.00, "fundBalance": %s}"""
				.formatted(amount));
			assertThat(hasm.getStatusCode().value()).as(hasm.getBody()).isEqualTo(400);
			assertProblem(hasm, "fundBalance");
			assertThat(recorded()).isEqualTo(before);
		}

		@Test
		void tenMillionItselfIsDecided() {
			ResponseEntity<String> decided = call("api-client", HttpMethod.POST, "/api/v1/decisions/gaf:evaluate",
					GAF.replace("\"requestedAmount\": 500.00", "\"requestedAmount\": 10000000.00").formatted(""));
			assertThat(decided.getStatusCode().value()).as(decided.getBody()).isEqualTo(200);
			assertThat(read(decided).get("grantedAmount").decimalValue()).isEqualByComparingTo("10000000.00");
		}

		@Test
		void aFundTopUpAboveTenMillionIsRefusedNamingTheField() {
			ResponseEntity<String> refused = call("hq", HttpMethod.POST, "/api/v1/funds:top-up", """
					{"programme": "GAF", "office": "TUN", "year": 2026, "amount": 10000000.01}""");
			assertThat(refused.getStatusCode().value()).as(refused.getBody()).isEqualTo(400);
			assertProblem(refused, "amount");
		}

		private HttpHeaders idempotencyKey() {
			HttpHeaders headers = new HttpHeaders();
			headers.set("Idempotency-Key", "amount-" + unique());
			return headers;
		}

	}

	@Nested
	class ControlCharactersAreRefused {

		@Test
		void aNulInAPersonsNameIsA400NamingTheFieldAndOpensNoCase() {
			long before = count("app.case_file");
			ResponseEntity<String> refused = call("officer", HttpMethod.POST, "/api/v1/cases", """
					{"type": "VOT", "office": "TUN",
					 "person": {"givenName": "A\\u0000B", "familyName": "K\\u001b[31m", "sex": "FEMALE",
					            "birthYear": 1998, "nationality": "NGA"}}""");
			assertThat(refused.getStatusCode().value()).as(refused.getBody()).isEqualTo(400);
			assertProblem(refused, "person.givenName");
			assertProblem(refused, "person.familyName");
			assertThat(count("app.case_file")).isEqualTo(before);
		}

		@Test
		void aNoteMayHoldLinesAndTabsButNoOtherControlCharacter() {
			String reference = openCase("TUN");
			String notes = "/api/v1/cases/" + reference + "/notes";
			assertThat(call("officer", HttpMethod.POST, notes, """
					{"text": "First line\\nsecond line\\twith a tab"}""").getStatusCode().value()).isEqualTo(204);
			for (String text : List.of("A\\u0000B", "bell\\u0007", "delete\\u007f")) {
				ResponseEntity<String> refused = call("officer", HttpMethod.POST, notes,
						"{\"text\": \"" + text + "\"}");
				assertThat(refused.getStatusCode().value()).as(text + ": " + refused.getBody()).isEqualTo(400);
				assertProblem(refused, "text");
			}
			assertThat(caseFile(reference).get("notes")).hasSize(1);
		}

		@Test
		void aFormTextWithANulIsA400NamingTheFieldAndTheStepStaysOpen() {
			String reference = openCase("AVRR", "TUN");
			String task = taskOf(reference, "Activity_CounselReturn");
			ResponseEntity<String> refused = call("officer", HttpMethod.POST, "/api/v1/tasks/" + task + ":complete", """
					{"summary": "Counselled\\u0000twice"}""");
			assertThat(refused.getStatusCode().value()).as(refused.getBody()).isEqualTo(400);
			assertProblem(refused, "summary");
			assertThat(taskOf(reference, "Activity_CounselReturn")).isEqualTo(task);
		}

		@Test
		void aCaseIdFilterWithANulIsA400() {
			ResponseEntity<String> refused = call("api-client", HttpMethod.GET, "/api/v1/decisions?caseId=A%00B", null);
			assertThat(refused.getStatusCode().value()).as(refused.getBody()).isEqualTo(400);
			assertProblem(refused, null);
		}

	}

	@Nested
	class TheCaseApiIsAsStrictAsTheDecisionApi {

		private static final String PERSON = """
				{"type": "VOT", "office": "TUN",
				 "person": {"givenName": "Amina", "familyName": "K.", "sex": "FEMALE", "birthYear": %s,
				            "nationality": %s}}""";

		@Test
		void aBirthYearThatIsNotAWholeNumberIsRefusedInASentence() {
			for (String year : List.of("\"1998\"", "1998.5", "true")) {
				refused("officer", HttpMethod.POST, "/api/v1/cases", PERSON.formatted(year, "\"NGA\""),
						"person.birthYear");
			}
		}

		@Test
		void aBirthYearStillToComeIsRefused() {
			int next = java.time.Year.now(java.time.ZoneOffset.UTC).getValue() + 1;
			for (String year : List.of("2100", String.valueOf(next))) {
				refused("officer", HttpMethod.POST, "/api/v1/cases", PERSON.formatted(year, "\"NGA\""),
						"person.birthYear");
			}
		}

		@Test
		void aNationalityMustBeACountryOrStatelessness() {
			refused("officer", HttpMethod.POST, "/api/v1/cases", PERSON.formatted("1998", "\"ZZZ\""),
					"person.nationality");
			for (String nationality : List.of("\"NGA\"", "\"XXA\"", "null")) {
				ResponseEntity<String> opened = call("officer", HttpMethod.POST, "/api/v1/cases",
						PERSON.formatted("1998", nationality));
				assertThat(opened.getStatusCode().value()).as(nationality + ": " + opened.getBody()).isEqualTo(201);
			}
		}

		@Test
		void aNoteThatIsNotTextIsRefused() {
			String notes = "/api/v1/cases/" + openCase("TUN") + "/notes";
			refused("officer", HttpMethod.POST, notes, "{\"text\": 5}", "text");
			refused("officer", HttpMethod.POST, notes, "{\"text\": true}", "text");
		}

		@Test
		void aKeyGivenTwiceIsRefusedEverywhere() {
			refused("officer", HttpMethod.POST, "/api/v1/cases", """
					{"type": "VOT", "type": "AVRR", "office": "TUN",
					 "person": {"givenName": "Amina", "familyName": "K.", "sex": "FEMALE"}}""", "type");
			refused("officer", HttpMethod.POST, "/api/v1/cases", """
					{"type": "VOT", "office": "TUN",
					 "person": {"givenName": "Amina", "givenName": "Other", "familyName": "K.", "sex": "FEMALE"}}""",
					"person.givenName");
			String reference = openCase("AVRR", "TUN");
			refused("officer", HttpMethod.POST, "/api/v1/cases/" + reference + "/notes", """
					{"text": "one", "text": "two"}""", "text");
			refused("officer", HttpMethod.POST,
					"/api/v1/tasks/" + taskOf(reference, "Activity_CounselReturn") + ":complete", """
							{"summary": "Counselled", "summary": "Not counselled"}""", "summary");
			refused("api-client", HttpMethod.POST, "/api/v1/decisions/gaf", GAF.formatted(", \"consent\": \"REFUSED\""),
					"consent");
			refused("hq", HttpMethod.POST, "/api/v1/funds:top-up", """
					{"programme": "GAF", "office": "TUN", "year": 2026, "amount": 1.00, "amount": 1000000.00}""",
					"amount");
		}

		@Test
		void aServiceRequestedTwiceIsRefused() {
			refused("api-client", HttpMethod.POST, "/api/v1/decisions/gaf",
					GAF.replace("[\"MEDICAL\"]", "[\"MEDICAL\", \"LEGAL\", \"MEDICAL\"]").formatted(""), "requested");
			refused("api-client", HttpMethod.POST, "/api/v1/decisions/reintegration:evaluate", """
					{"pathway": "AVRR", "vulnerabilities": ["DISABILITY", "DISABILITY"], "adults": 1, "children": 0,
					 "returnContext": "STABLE", "plan": "HOUSING", "businessPlanAssessed": false, "contributionPct": 0,
					 "reTraffickingRisk": "LOW", "bannedFromDestination": false, "priorPackage": false, "age": 30}""",
					"vulnerabilities");
		}

		@Test
		void aStatusThatDoesNotExistIsRefusedWithTheStatusesThatDo() {
			JsonNode problem = refused("officer", HttpMethod.GET, "/api/v1/cases?status=BOGUS", null, "status");
			assertThat(problem.path("errors").get(0).path("allowed").toString()).contains("OPEN", "CLOSED");
		}

		@Test
		void noValueIsGuessedFromAnotherType() {
			refused("hq", HttpMethod.POST, "/api/v1/funds:top-up", """
					{"programme": "GAF", "office": "TUN", "year": 2026, "amount": "100.00"}""", "amount");
			refused("hq", HttpMethod.POST, "/api/v1/funds:top-up", """
					{"programme": "GAF", "office": "TUN", "year": "2026", "amount": 100.00}""", "year");
			refused("officer", HttpMethod.POST, "/api/v1/cases", """
					{"type": 0, "office": "TUN",
					 "person": {"givenName": "Amina", "familyName": "K.", "sex": "FEMALE"}}""", "type");
		}

		/**
		 * A 400 problem naming {@code field} in a sentence, after which nothing more is
		 * recorded than before.
		 */
		private JsonNode refused(String user, HttpMethod method, String path, String body, String field) {
			long cases = count("app.case_file");
			long decisions = recorded();
			long notes = count("app.case_note");
			ResponseEntity<String> refused = call(user, method, path, body);
			assertThat(refused.getStatusCode().value()).as(body + " -> " + refused.getBody()).isEqualTo(400);
			assertProblem(refused, field);
			assertThat(read(refused).path("errors").findValuesAsText("message")).as("sentences, never Java's words")
				.noneMatch(message -> message.contains("java.") || message.contains("`") || message.contains("coerc")
						|| message.contains("Cannot"));
			assertThat(List.of(count("app.case_file"), recorded(), count("app.case_note"))).containsExactly(cases,
					decisions, notes);
			return read(refused);
		}

	}

	@Nested
	class ErrorsAreProblemsEverywhere {

		@Test
		void aCallWithoutCredentialsIsA401ProblemThatAsksForThem() {
			ResponseEntity<String> refused = call(null, HttpMethod.GET, "/api/v1/decisions", null);
			assertThat(refused.getStatusCode().value()).isEqualTo(401);
			assertProblem(refused, null);
			assertThat(refused.getHeaders().getFirst(HttpHeaders.WWW_AUTHENTICATE)).startsWith("Basic");
			ResponseEntity<String> wrong = send("api-client", "wrong", HttpMethod.GET, "/api/v1/decisions", null,
					forwardedFor(source()));
			assertThat(wrong.getStatusCode().value()).isEqualTo(401);
			assertProblem(wrong, null);
		}

		@Test
		void aRoleThatMayNotCallIsA403Problem() {
			ResponseEntity<String> refused = call("officer", HttpMethod.GET, "/api/v1/decisions", null);
			assertThat(refused.getStatusCode().value()).isEqualTo(403);
			assertProblem(refused, null);
		}

		@Test
		void aRoleThatMayNotCallIsRefusedBeforeItsInputIsRead() {
			for (String[] call : new String[][] { { "hq", "POST", "/api/v1/cases" },
					{ "officer", "PUT", "/api/v1/staff/officer/offices" },
					{ "officer", "POST", "/api/v1/funds:top-up" }, { "api-client", "POST", "/api/v1/cases" } }) {
				ResponseEntity<String> refused = call(call[0], HttpMethod.valueOf(call[1]), call[2], "{\"not\": json");
				assertThat(refused.getStatusCode().value()).as(String.join(" ", call) + ": " + refused.getBody())
					.isEqualTo(403);
				assertProblem(refused, null);
			}
		}

		@Test
		void anAddressOrMethodOrMediaTypeTheApiDoesNotServeIsAProblemWithItsOwnType() {
			ResponseEntity<String> missing = call("api-client", HttpMethod.GET, "/api/v1/nothing-here", null);
			assertThat(missing.getStatusCode().value()).isEqualTo(404);
			assertProblem(missing, null);
			ResponseEntity<String> method = call("api-client", HttpMethod.DELETE, "/api/v1/decisions", null);
			assertThat(method.getStatusCode().value()).isEqualTo(405);
			assertProblem(method, null);
			HttpHeaders text = new HttpHeaders();
			text.setContentType(MediaType.TEXT_PLAIN);
			ResponseEntity<String> media = send("api-client", "api-client", HttpMethod.POST, "/api/v1/decisions/gaf",
					"victimStatus=IDENTIFIED", text);
			assertThat(media.getStatusCode().value()).isEqualTo(415);
			assertProblem(media, null);
			HttpHeaders csv = new HttpHeaders();
			csv.setAccept(List.of(MediaType.parseMediaType("text/csv")));
			ResponseEntity<String> accept = send("api-client", "api-client", HttpMethod.GET, "/api/v1/decisions", null,
					csv);
			assertThat(accept.getStatusCode().value()).isEqualTo(406);
		}

		@Test
		void anUnexpectedFailureIsA500ProblemThatTellsNothingOfTheInside() {
			ResponseEntity<String> failed = call("api-client", HttpMethod.GET, "/api/v1/test-only/failure", null);
			assertThat(failed.getStatusCode().value()).isEqualTo(500);
			assertProblem(failed, null);
			assertThat(failed.getBody()).doesNotContain("secret", "IllegalStateException", "at org.");
		}

		@Test
		void anAddressTheContainerRefusesIsAProblemForTheApiAndASentenceForThePages() {
			for (String path : List.of("/api/v1/%2e%2e/x", "/api/v1/decisions/%00", "/api/v1/decisions;x=1",
					"/api/v1/decisions/a%2fb")) {
				ResponseEntity<String> refused = raw("api-client", path);
				assertThat(refused.getStatusCode().value()).as(path + ": " + refused.getBody()).isEqualTo(400);
				assertProblem(refused, null);
			}
			for (String path : List.of("/cases/%00", "/%2e%2e/x", "/inbox;x=1")) {
				ResponseEntity<String> refused = raw(null, path);
				assertThat(refused.getStatusCode().value()).as(path).isEqualTo(400);
				assertThat(refused.getHeaders().getContentType()).as(path)
					.matches(type -> type.isCompatibleWith(MediaType.TEXT_HTML));
				assertThat(refused.getBody()).as(path).doesNotContain("Tomcat", "HTTP Status", "Exception");
			}
		}

		@Test
		void thePagesKeepTheirErrorPagesInSentences() {
			PageSession page = signInPage(source());
			ResponseEntity<String> signedIn = page.signIn("officer", "officer");
			String session = signedIn.getHeaders()
				.getOrEmpty(HttpHeaders.SET_COOKIE)
				.stream()
				.filter(c -> c.startsWith("JSESSIONID="))
				.map(c -> c.split(";", 2)[0])
				.findFirst()
				.orElseThrow();
			HttpHeaders headers = forwardedFor(page.source());
			headers.set(HttpHeaders.COOKIE, session);
			headers.setAccept(List.of(MediaType.TEXT_HTML));
			ResponseEntity<String> missing = send(null, null, HttpMethod.GET, "/cases/VOT-1999-999999", null, headers);
			assertThat(missing.getStatusCode().value()).isEqualTo(404);
			assertThat(missing.getHeaders().getContentType())
				.matches(type -> type.isCompatibleWith(MediaType.TEXT_HTML));
			assertThat(missing.getBody()).contains("<html").doesNotContain("Exception", "Whitelabel");
		}

		/**
		 * A GET of a path sent as it is, not encoded again by the client; by a browser
		 * when no user is given.
		 */
		private ResponseEntity<String> raw(String user, String path) {
			TestRestTemplate client = user == null ? plain() : plain().withBasicAuth(user, user);
			HttpHeaders headers = new HttpHeaders();
			if (user == null) {
				headers.setAccept(List.of(MediaType.TEXT_HTML));
			}
			return client.exchange(java.net.URI.create(AttackFindingsIT.this.http.getRootUri() + path), HttpMethod.GET,
					new HttpEntity<>(headers), String.class);
		}

	}

	/** A controller that fails, to see what a caller learns of an unexpected failure. */
	@org.springframework.boot.test.context.TestConfiguration
	static class Failing {

		@org.springframework.web.bind.annotation.RestController
		static class FailingController {

			@org.springframework.web.bind.annotation.GetMapping("/api/v1/test-only/failure")
			String fail() {
				throw new IllegalStateException("secret: the database password is hunter2");
			}

		}

	}

	static HttpHeaders forwardedFor(String source) {
		HttpHeaders headers = new HttpHeaders();
		headers.set("X-Forwarded-For", source);
		return headers;
	}

	@Nested
	class StateIsChecked {

		@Test
		void consentCannotBeWithdrawnFromAClosedCase() {
			String reference = openCase("TUN");
			completeAsOfficer(reference, "Activity_ScreenCase", """
					{"victimStatus": "IDENTIFIED", "crossBorder": true, "minor": false, "unaccompanied": false,
					 "guardianAppointed": false, "summary": "Screening interview held"}""");
			completeAsOfficer(reference, "Activity_ProvideImmediateNeeds", """
					{"needsMet": ["FOOD_WATER"], "summary": "Placed in the shelter"}""");
			completeAsOfficer(reference, "Activity_RecordConsent", """
					{"consentGiven": true, "givenBy": "SELF", "scope": ["ASSISTANCE"]}""");
			// As the process's last step closes it.
			org.passage.cases.Case file = AttackFindingsIT.this.cases.find(reference).orElseThrow();
			AttackFindingsIT.this.cases.close(file, org.passage.cases.CaseStatus.CLOSED, "assisted", "Event_Closed",
					"CLOSED", java.util.Map.of());
			long events = count("app.case_event");

			ResponseEntity<String> refused = call("officer", HttpMethod.POST,
					"/api/v1/cases/" + reference + "/consent:withdraw", null);

			assertThat(refused.getStatusCode().value()).as(refused.getBody()).isEqualTo(409);
			assertProblem(refused, null);
			assertThat(count("app.case_event")).isEqualTo(events);
		}

		@Test
		void aVoluntarinessDeclarationNeverSignedCannotBeRevoked() {
			String reference = openCase("AVRR", "TUN");
			ResponseEntity<String> refused = call("officer", HttpMethod.POST,
					"/api/v1/cases/" + reference + "/voluntariness:revoke", null);
			assertThat(refused.getStatusCode().value()).as(refused.getBody()).isEqualTo(409);
			assertProblem(refused, null);
			assertThat(caseFile(reference).get("status").asText()).isEqualTo("OPEN");

			completeAsOfficer(reference, "Activity_CounselReturn", """
					{"summary": "Counselled twice"}""");
			completeAsOfficer(reference, "Activity_SignVoluntarinessDeclaration", """
					{"declarationSigned": true}""");
			assertThat(call("officer", HttpMethod.POST, "/api/v1/cases/" + reference + "/voluntariness:revoke", null)
				.getStatusCode()
				.value()).isEqualTo(204);
		}

		@Test
		void officesAreAssignedOnlyToAnAccountThatExists() {
			ResponseEntity<String> refused = call("admin", HttpMethod.PUT,
					"/api/v1/staff/nobody-" + unique() + "/offices", """
							{"offices": ["TUN"]}""");
			assertThat(refused.getStatusCode().value()).as(refused.getBody()).isEqualTo(404);
			assertProblem(refused, null);
		}

		@Test
		void anOperatorRemovesAnOfficeFromAMemberOfStaff() {
			String officer = account("officer-" + unique(), Roles.CASE_OFFICER);
			String offices = "/api/v1/staff/" + officer + "/offices";
			assertThat(call("admin", HttpMethod.PUT, offices, """
					{"offices": ["TUN", "RBA"]}""").getStatusCode().value()).isEqualTo(204);
			String reference = openCase("TUN");
			assertThat(call(officer, HttpMethod.GET, "/api/v1/cases/" + reference, null).getStatusCode().value())
				.isEqualTo(200);

			assertThat(call("officer", HttpMethod.DELETE, offices + "/TUN", null).getStatusCode().value())
				.as("only operators")
				.isEqualTo(403);
			assertThat(call("admin", HttpMethod.DELETE, offices + "/TUN", null).getStatusCode().value()).isEqualTo(204);

			assertThat(read(call("admin", HttpMethod.GET, offices, null)).get("offices").toString())
				.isEqualTo("[\"RBA\"]");
			assertThat(call(officer, HttpMethod.GET, "/api/v1/cases/" + reference, null).getStatusCode().value())
				.as("a case of an office no longer theirs does not exist for them")
				.isEqualTo(404);
			assertThat(call("admin", HttpMethod.DELETE, "/api/v1/staff/nobody-" + unique() + "/offices/TUN", null)
				.getStatusCode()
				.value()).isEqualTo(404);
		}

		private void completeAsOfficer(String reference, String step, String form) {
			ResponseEntity<String> done = call("officer", HttpMethod.POST,
					"/api/v1/tasks/" + taskOf(reference, step) + ":complete", form);
			assertThat(done.getStatusCode().value()).as(step + ": " + done.getBody()).isEqualTo(204);
		}

	}

	@Nested
	class WhatTheServiceSaysOfItself {

		@Test
		void anAnonymousCallerLearnsNothingOfTheBuild() {
			ResponseEntity<String> anonymous = call(null, HttpMethod.GET, "/actuator/info", null);
			assertThat(anonymous.getStatusCode().value()).isEqualTo(401);
			assertThat(anonymous.getBody()).doesNotContain("java", "version", "passage-service");
			ResponseEntity<String> operator = call("admin", HttpMethod.GET, "/actuator/info", null);
			assertThat(operator.getStatusCode().value()).isEqualTo(200);
			assertThat(operator.getBody()).contains("passage-service");
		}

		@Test
		void theApiForbidsFramingScriptsAndReferrers() {
			HttpHeaders headers = call("api-client", HttpMethod.GET, "/api/v1/decisions", null).getHeaders();
			assertThat(headers.getFirst("Content-Security-Policy")).contains("default-src 'none'",
					"frame-ancestors 'none'");
			assertThat(headers.getFirst("Referrer-Policy")).isEqualTo("no-referrer");
			assertThat(headers.getFirst("X-Content-Type-Options")).isEqualTo("nosniff");
		}

		@Test
		void thePagesAllowOnlyTheirOwnScriptsAndKeepReferrersHome() {
			HttpHeaders headers = call(null, HttpMethod.GET, "/", null).getHeaders();
			assertThat(headers.getFirst("Content-Security-Policy")).contains("script-src 'self'",
					"frame-ancestors 'none'");
			assertThat(headers.getFirst("Referrer-Policy")).isEqualTo("same-origin");
		}

		@Test
		void behindATlsProxyBrowsersAreToldToComeBackOnlyOverTls() {
			HttpHeaders overTls = new HttpHeaders();
			overTls.set("X-Forwarded-Proto", "https");
			assertThat(send(null, null, HttpMethod.GET, "/", null, overTls).getHeaders()
				.getFirst("Strict-Transport-Security")).contains("max-age=31536000");
			assertThat(send("api-client", "api-client", HttpMethod.GET, "/api/v1/decisions", null, overTls).getHeaders()
				.getFirst("Strict-Transport-Security")).contains("max-age=31536000");
			assertThat(call(null, HttpMethod.GET, "/", null).getHeaders().getFirst("Strict-Transport-Security"))
				.as("not over plain HTTP, where it means nothing")
				.isNull();
		}

	}

	/** A browser's session on the sign-in page, from one source address. */
	record PageSession(AttackFindingsIT test, String source, String cookie, String csrf) {

		HttpHeaders headers() {
			HttpHeaders headers = new HttpHeaders();
			headers.set("X-Forwarded-For", this.source);
			headers.set(HttpHeaders.COOKIE, this.cookie);
			return headers;
		}

		ResponseEntity<String> signIn(String user, String password) {
			HttpHeaders headers = headers();
			headers.setContentType(MediaType.APPLICATION_FORM_URLENCODED);
			return this.test.send(null, null, HttpMethod.POST, "/sign-in",
					"username=" + user + "&password=" + password + "&_csrf=" + this.csrf, headers);
		}

	}

	PageSession signInPage(String source) {
		HttpHeaders headers = new HttpHeaders();
		headers.set("X-Forwarded-For", source);
		ResponseEntity<String> page = send(null, null, HttpMethod.GET, "/", null, headers);
		java.util.regex.Matcher token = java.util.regex.Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"")
			.matcher(page.getBody());
		assertThat(token.find()).as("a CSRF token on the sign-in page").isTrue();
		String cookie = page.getHeaders()
			.getOrEmpty(HttpHeaders.SET_COOKIE)
			.stream()
			.filter(c -> c.startsWith("JSESSIONID="))
			.map(c -> c.split(";", 2)[0])
			.findFirst()
			.orElseThrow();
		return new PageSession(this, source, cookie,
				java.net.URLEncoder.encode(token.group(1), java.nio.charset.StandardCharsets.UTF_8));
	}

	private static final java.util.concurrent.atomic.AtomicInteger SOURCES = new java.util.concurrent.atomic.AtomicInteger();

	/** A source address no other test uses. */
	static String source() {
		int next = SOURCES.incrementAndGet();
		return "198.51." + (next / 250) + "." + (1 + next % 250);
	}

	/** A GET as {@code user} from {@code source}, as a proxy in front of Passage says. */
	ResponseEntity<String> from(String source, String user, String password, String path) {
		HttpHeaders headers = new HttpHeaders();
		headers.set("X-Forwarded-For", source);
		return send(user, password, HttpMethod.GET, path, null, headers);
	}

	// What the findings share: accounts, calls, and what an answer must look like.

	static String unique() {
		return UUID.randomUUID().toString().substring(0, 8);
	}

	/** A calling system's account in the DECISION_API group; its password is its name. */
	String system(String name) {
		return account(name, Roles.DECISION_API);
	}

	String account(String name, String role) {
		User user = this.identity.newUser(name);
		user.setPassword(name);
		this.identity.saveUser(user);
		this.identity.createMembership(name, role);
		return name;
	}

	/** A VOT case opened by the demo officer, who works for TUN. */
	String openCase(String office) {
		return openCase("VOT", office);
	}

	String openCase(String type, String office) {
		ResponseEntity<String> opened = call("officer", HttpMethod.POST, "/api/v1/cases", """
				{"type": "%s", "office": "%s",
				 "person": {"givenName": "Amina", "familyName": "K.", "sex": "FEMALE", "birthYear": 1998,
				            "nationality": "NGA"}}""".formatted(type, office));
		assertThat(opened.getStatusCode().value()).as(opened.getBody()).isEqualTo(201);
		return read(opened).get("reference").asText();
	}

	JsonNode caseFile(String reference) {
		ResponseEntity<String> file = call("officer", HttpMethod.GET, "/api/v1/cases/" + reference, null);
		assertThat(file.getStatusCode().value()).as(file.getBody()).isEqualTo(200);
		return read(file);
	}

	/** The open step {@code step} of the case in the demo officer's inbox. */
	String taskOf(String reference, String step) {
		for (JsonNode task : read(call("officer", HttpMethod.GET, "/api/v1/tasks", null))) {
			if (task.get("caseReference").asText().equals(reference) && task.get("step").asText().equals(step)) {
				return task.get("id").asText();
			}
		}
		throw new AssertionError("No open step " + step + " of " + reference);
	}

	long count(String table) {
		return this.jdbc.sql("select count(*) from " + table).query(Long.class).single();
	}

	long recorded() {
		return this.jdbc.sql("select count(*) from app.decision").query(Long.class).single();
	}

	long decisionsOf(String reference) {
		return this.jdbc.sql("select count(*) from app.decision where case_id = ?")
			.param(reference)
			.query(Long.class)
			.single();
	}

	/** A call as {@code user}, whose password is the user's name, with a JSON body. */
	ResponseEntity<String> call(String user, HttpMethod method, String path, String body) {
		return send(user, user, method, path, body, new HttpHeaders());
	}

	ResponseEntity<String> send(String user, String password, HttpMethod method, String path, String body,
			HttpHeaders headers) {
		if (body != null && headers.getContentType() == null) {
			headers.setContentType(MediaType.APPLICATION_JSON);
		}
		TestRestTemplate client = user == null ? plain() : plain().withBasicAuth(user, password);
		return client.exchange(path, method, new HttpEntity<>(body, headers), String.class);
	}

	/**
	 * A client that answers what the server answered: no retry after a 429 (Apache
	 * HttpClient waits out a Retry-After and tries again), no redirect followed.
	 */
	TestRestTemplate plain() {
		return new TestRestTemplate(
				new org.springframework.boot.web.client.RestTemplateBuilder().rootUri(this.http.getRootUri())
					.requestFactory(() -> new org.springframework.http.client.JdkClientHttpRequestFactory(
							java.net.http.HttpClient.newBuilder()
								.followRedirects(java.net.http.HttpClient.Redirect.NEVER)
								.build())));
	}

	JsonNode read(ResponseEntity<String> answer) {
		try {
			return this.json.readTree(answer.getBody());
		}
		catch (com.fasterxml.jackson.core.JsonProcessingException ex) {
			throw new AssertionError("Not JSON: " + answer.getBody(), ex);
		}
	}

	List<String> ids(ResponseEntity<String> listed) {
		assertThat(listed.getStatusCode().value()).as(listed.getBody()).isEqualTo(200);
		List<String> ids = new java.util.ArrayList<>();
		read(listed).forEach(decision -> ids.add(decision.get("decisionId").asText()));
		return ids;
	}

	/**
	 * A problem (RFC 9457) with a type of Passage's own that, when {@code field} is
	 * given, names that field.
	 */
	void assertProblem(ResponseEntity<String> answer, String field) {
		assertThat(answer.getHeaders().getContentType()).as(answer.getBody())
			.isNotNull()
			.matches(type -> type.isCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON));
		JsonNode problem = read(answer);
		assertThat(problem.path("type").asText()).as(answer.getBody()).startsWith("urn:passage:problem:");
		assertThat(problem.path("status").asInt()).isEqualTo(answer.getStatusCode().value());
		assertThat(problem.path("detail").asText()).as("a sentence, never a Java type")
			.doesNotContain("java.", "`", "Exception");
		if (field != null) {
			assertThat(problem.path("errors").findValuesAsText("field")).as(answer.getBody()).contains(field);
		}
	}

}
