package org.passage.decisiontables;

import java.io.IOException;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.User;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.passage.decisions.DecisionContext;
import org.passage.decisions.DecisionService;
import org.passage.decisions.DecisionView;
import org.passage.decisiontables.internal.Activations;
import org.passage.rules.decision.ApprovalLevel;
import org.passage.rules.decision.Programme;
import org.passage.rules.engine.DecisionEngine;
import org.passage.rules.facts.GafInput;
import org.passage.rules.facts.TextInputs;
import org.passage.security.Roles;
import org.passage.testing.GafWorkbook;
import org.passage.testing.PassageIntegrationTest;
import org.passage.testing.SignedIn;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;
import org.springframework.core.io.ByteArrayResource;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.util.MultiValueMap;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Policy staff change the GAF table on PostgreSQL: the band-1 edge of reference policy v1
 * (G14: requestedAmount ≤ 1000, SUPERVISOR) moves to 1500, so a request of 1200 by an
 * identified victim, which v1 puts in band 2 (G15, REGIONAL), is band 1 under the draft.
 */
@PassageIntegrationTest
class RulesetLifecycleIT {

	/** The instant the tests pretend it is; moved forward by hand. */
	static final MovableClock CLOCK = new MovableClock(Instant.parse("2031-03-01T08:00:00Z"));

	@TestConfiguration
	static class TestClock {

		@Bean
		@Primary
		Clock movableClock() {
			return CLOCK;
		}

	}

	@Autowired
	TestRestTemplate http;

	@Autowired
	IdentityService identity;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	Activations activations;

	@Autowired
	DecisionEngine engine;

	@Autowired
	DecisionService decisions;

	@Autowired
	Rulesets rulesets;

	@BeforeEach
	void staff() {
		user("editor", Roles.POLICY_EDITOR);
		user("approver", Roles.POLICY_APPROVER);
		user("editor-approver", Roles.POLICY_EDITOR, Roles.POLICY_APPROVER);
	}

	@Test
	void aValidDraftIsStoredWithItsScenarioFailuresListedExpectedAgainstActual() throws IOException {
		byte[] workbook = GafWorkbook.withBandOneUpTo(1500);
		ResponseEntity<JsonNode> upload = upload("editor", workbook, "Band 1 up to 1500");

		assertThat(upload.getStatusCode()).isEqualTo(HttpStatus.CREATED);
		JsonNode report = upload.getBody();
		assertThat(report.at("/version/status").asText()).isEqualTo("DRAFT");
		assertThat(report.at("/version/author").asText()).isEqualTo("editor");
		assertThat(report.at("/version/changeNote").asText()).isEqualTo("Band 1 up to 1500");
		assertThat(report.get("findings")).isEmpty();
		// Of the shipped GAF scenarios only "band edge: 1000.01 is band 2" falls between
		// the old edge and the new one; G14 now takes it.
		assertThat(report.get("scenarios").asInt()).isGreaterThan(40);
		assertThat(report.get("scenarioFailures")).hasSize(1);
		JsonNode failure = report.get("scenarioFailures").get(0);
		assertThat(failure.get("scenario").asText()).isEqualTo("band edge: 1000.01 is band 2");
		assertThat(failure.at("/differences/approvalLevel/expected").asText()).isEqualTo("REGIONAL");
		assertThat(failure.at("/differences/approvalLevel/actual").asText()).isEqualTo("SUPERVISOR");
		assertThat(failure.at("/differences/reasons/expected").asText()).isEqualTo("GAF_BAND_2");
		assertThat(failure.at("/differences/reasons/actual").asText()).isEqualTo("GAF_BAND_1");
		assertThat(failure.get("differences").size()).isEqualTo(2);

		long id = report.at("/version/id").asLong();
		byte[] stored = this.http.withBasicAuth("approver", "approver")
			.getForObject("/api/v1/rulesets/versions/" + id + "/file", byte[].class);
		assertThat(stored).isEqualTo(workbook);
		// Reading a draft's report compiles it, but nothing is kept for a draft: only a
		// version sent to review stays compiled (TwoNodesIT).
		assertThat(this.rulesets.isCompiled(id)).isFalse();
	}

	@Test
	void anInvalidDraftReportsTheCellAtFaultAndCannotBeSubmitted() throws IOException {
		// A typo in G14's victim status (column J, sheet row 25): no such value.
		ResponseEntity<JsonNode> upload = upload("editor",
				GafWorkbook.withBandOneUpTo(1000,
						workbook -> workbook.getSheet("Rules").getRow(24).getCell(9).setCellValue("IDENTIFED")),
				"Typo on purpose");

		assertThat(upload.getStatusCode()).isEqualTo(HttpStatus.CREATED);
		JsonNode findings = upload.getBody().get("findings");
		assertThat(findings).isNotEmpty();
		assertThat(findings.findValuesAsText("kind")).contains("UNKNOWN_VALUE");
		JsonNode typo = findings.get(0);
		assertThat(typo.get("sheet").asText()).isEqualTo("Rules");
		assertThat(typo.get("cell").asText()).isEqualTo("J25");
		assertThat(typo.get("row").asText()).isEqualTo("G14");

		ResponseEntity<JsonNode> submit = post("editor",
				"/api/v1/rulesets/versions/" + upload.getBody().at("/version/id").asLong() + "/submit", null);
		assertThat(submit.getStatusCode()).isEqualTo(HttpStatus.CONFLICT);
		assertThat(submit.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
		assertThat(submit.getBody().at("/errors/0/field").asText()).isEqualTo("file");
	}

	@Test
	void anUploadWithoutAChangeNoteIsRefusedNamingTheField() throws IOException {
		ResponseEntity<JsonNode> upload = upload("editor", GafWorkbook.withBandOneUpTo(1200), " ");

		assertThat(upload.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
		assertThat(upload.getBody().at("/errors/0/field").asText()).isEqualTo("changeNote");
	}

	@Test
	void aVersionInReviewThatNoLongerCompilesIsNotApprovedAndSaysWhy() throws IOException {
		// As if an earlier release had let this workbook through to review: G14's victim
		// status names no value, which this release's Drools build refuses. (Band 1 up to
		// 1010, so that it is not the workbook of the test of the typo's finding.)
		long id = upload("editor",
				GafWorkbook.withBandOneUpTo(1010,
						workbook -> workbook.getSheet("Rules").getRow(24).getCell(9).setCellValue("IDENTIFED")),
				"Passed an older release")
			.getBody()
			.at("/version/id")
			.asLong();
		this.jdbc.sql("update app.ruleset set status = 'IN_REVIEW' where id = ?").param(id).update();

		ResponseEntity<JsonNode> approve = post("approver", "/api/v1/rulesets/versions/" + id + "/approve", Map.of());

		assertThat(approve.getStatusCode()).isEqualTo(HttpStatus.CONFLICT);
		assertThat(approve.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
		assertThat(approve.getBody().at("/errors/0/field").asText()).isEqualTo("id");
		assertThat(approve.getBody().get("detail").asText()).contains("no longer compiles");
		assertThat(status(id)).isEqualTo("IN_REVIEW");
	}

	@Test
	void theAuthorMayNotApproveTheirOwnVersionEvenWithTheApproverRole() throws IOException {
		long id = upload("editor-approver", GafWorkbook.withBandOneUpTo(1300), "Band 1 up to 1300").getBody()
			.at("/version/id")
			.asLong();
		assertThat(post("editor-approver", "/api/v1/rulesets/versions/" + id + "/submit", null).getStatusCode())
			.isEqualTo(HttpStatus.OK);

		ResponseEntity<JsonNode> approve = post("editor-approver", "/api/v1/rulesets/versions/" + id + "/approve",
				Map.of());

		assertThat(approve.getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
		assertThat(approve.getBody().get("detail").asText()).contains("another approver");
		assertThat(approve.getBody().at("/errors/0/field").asText()).isEqualTo("id");
		assertThat(status(id)).isEqualTo("IN_REVIEW");
		// An editor without the approver role is refused by role.
		assertThat(post("editor", "/api/v1/rulesets/versions/" + id + "/approve", Map.of()).getStatusCode())
			.isEqualTo(HttpStatus.FORBIDDEN);

		ResponseEntity<JsonNode> reject = post("approver", "/api/v1/rulesets/versions/" + id + "/reject",
				Map.of("comment", "Band 2 loses its regional check"));
		assertThat(reject.getBody().get("status").asText()).isEqualTo("REJECTED");
		assertThat(
				this.jdbc.sql("select action || ':' || actor from app.ruleset_event where ruleset_id = ? order by id")
					.param(id)
					.query(String.class)
					.list())
			.containsExactly("UPLOADED:editor-approver", "SUBMITTED:editor-approver", "REJECTED:approver");
	}

	@Test
	void anApprovedVersionGoesLiveAtItsEffectiveInstantAndAsOfKeepsTheOldOne() throws Exception {
		Instant before = CLOCK.instant();
		long id = upload("editor", GafWorkbook.withBandOneUpTo(1490), "Band 1 up to 1490, from March 2").getBody()
			.at("/version/id")
			.asLong();
		post("editor", "/api/v1/rulesets/versions/" + id + "/submit", null);
		Instant effective = before.plus(Duration.ofDays(1));
		ResponseEntity<JsonNode> approve = post("approver", "/api/v1/rulesets/versions/" + id + "/approve",
				Map.of("effectiveFrom", effective.toString(), "comment", "Agreed with the donors"));
		assertThat(approve.getBody().get("status").asText()).isEqualTo("APPROVED");
		assertThat(approve.getBody().get("approvedBy").asText()).isEqualTo("approver");

		// Not yet: the poller runs, but the instant has not come.
		this.activations.poll();
		assertThat(status(id)).isEqualTo("APPROVED");
		assertThat(decide(null).approvalLevel()).isEqualTo(ApprovalLevel.REGIONAL);

		CLOCK.set(effective.plusSeconds(1));
		// The background poller (every second) activates it: no call of ours.
		Instant deadline = Instant.now().plusSeconds(5);
		while (!status(id).equals("ACTIVE") && Instant.now().isBefore(deadline)) {
			Thread.sleep(100);
		}
		assertThat(status(id)).isEqualTo("ACTIVE");
		while (this.engine.active(Programme.GAF).version().label().contains("v1") && Instant.now().isBefore(deadline)) {
			Thread.sleep(50);
		}

		DecisionView now = decide(null);
		assertThat(now.approvalLevel()).isEqualTo(ApprovalLevel.SUPERVISOR);
		assertThat(now.reasons()).extracting(DecisionView.ReasonView::code).containsExactly("GAF_BAND_1");
		assertThat(now.rulesetVersion().hash())
			.isEqualTo(this.jdbc.sql("select content_hash from app.ruleset where id = ?")
				.param(id)
				.query(String.class)
				.single());

		DecisionView then = decide(effective.minusSeconds(60));
		assertThat(then.approvalLevel()).isEqualTo(ApprovalLevel.REGIONAL);
		assertThat(then.reasons()).extracting(DecisionView.ReasonView::code).containsExactly("GAF_BAND_2");
		assertThat(this.jdbc.sql("select count(*) from app.ruleset where programme = 'GAF' and status = 'ACTIVE'")
			.query(Integer.class)
			.single()).isEqualTo(1);
	}

	/** An identified victim asking 1200 for medical care, with funds enough. */
	private DecisionView decide(Instant asOf) {
		Map<String, String> input = new HashMap<>(
				Map.ofEntries(Map.entry("victimStatus", "IDENTIFIED"), Map.entry("crossBorder", "true"),
						Map.entry("otherProgramme", "NONE"), Map.entry("consent", "GIVEN"), Map.entry("minor", "false"),
						Map.entry("unaccompanied", "false"), Map.entry("guardianAppointed", "false"),
						Map.entry("immediateDanger", "false"), Map.entry("requested", "MEDICAL"),
						Map.entry("requestedAmount", "1200.00"), Map.entry("fundBalance", "10000.00"),
						Map.entry("reTraffickingRisk", "LOW"), Map.entry("priorGafCases", "0")));
		GafInput gaf = TextInputs.read(GafInput.class, input);
		DecisionView view = SignedIn.as("test", Roles.DECISION_API,
				() -> this.decisions.evaluate(gaf, new DecisionContext(null, "test", Locale.ENGLISH), asOf));
		assertThat(view.grantedAmount()).isEqualByComparingTo(new BigDecimal("1200.00"));
		return view;
	}

	private String status(long id) {
		return this.jdbc.sql("select status from app.ruleset where id = ?").param(id).query(String.class).single();
	}

	private ResponseEntity<JsonNode> upload(String user, byte[] workbook, String note) {
		MultiValueMap<String, Object> parts = new LinkedMultiValueMap<>();
		parts.add("file", new ByteArrayResource(workbook) {
			@Override
			public String getFilename() {
				return "gaf-band-edge.xlsx";
			}
		});
		parts.add("changeNote", note);
		HttpHeaders headers = new HttpHeaders();
		headers.setContentType(MediaType.MULTIPART_FORM_DATA);
		return this.http.withBasicAuth(user, user)
			.postForEntity("/api/v1/rulesets/gaf/drafts", new HttpEntity<>(parts, headers), JsonNode.class);
	}

	private ResponseEntity<JsonNode> post(String user, String path, Object body) {
		HttpHeaders headers = new HttpHeaders();
		headers.setContentType(MediaType.APPLICATION_JSON);
		return this.http.withBasicAuth(user, user).postForEntity(path, new HttpEntity<>(body, headers), JsonNode.class);
	}

	private void user(String id, String... roles) {
		if (this.identity.createUserQuery().userId(id).count() == 0) {
			User user = this.identity.newUser(id);
			user.setPassword(id);
			this.identity.saveUser(user);
			for (String role : roles) {
				this.identity.createMembership(id, role);
			}
		}
	}

	/** A clock the tests move. */
	static final class MovableClock extends Clock {

		private volatile Instant now;

		MovableClock(Instant now) {
			this.now = now;
		}

		void set(Instant instant) {
			this.now = instant;
		}

		@Override
		public Instant instant() {
			return this.now;
		}

		@Override
		public ZoneId getZone() {
			return ZoneOffset.UTC;
		}

		@Override
		public Clock withZone(ZoneId zone) {
			return this;
		}

	}

}
