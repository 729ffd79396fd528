package org.passage.decisiontables;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.User;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.passage.decisions.DecisionContext;
import org.passage.decisions.DecisionService;
import org.passage.decisions.DecisionView;
import org.passage.decisiontables.internal.Activations;
import org.passage.rules.decision.ApprovalLevel;
import org.passage.rules.facts.GafInput;
import org.passage.rules.facts.TextInputs;
import org.passage.security.Roles;
import org.passage.testing.GafWorkbook;
import org.passage.testing.PassageIntegrationTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
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
 * One GAF change through the policy staff's API on PostgreSQL, in order: a draft moving
 * the band-1 edge from 1000 to 1500 (domain.md §2.1, G14/G15) is compared with the
 * version in effect, tried on revised scenarios and on a recorded decision, approved, and
 * rolled back with a second person's approval.
 */
@PassageIntegrationTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class PolicyChangesIT {

	@Autowired
	TestRestTemplate http;

	@Autowired
	IdentityService identity;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	Activations activations;

	@Autowired
	DecisionService decisions;

	long shipped;

	long draft;

	@BeforeAll
	void staff() {
		user("editor", Roles.POLICY_EDITOR);
		user("approver", Roles.POLICY_APPROVER);
		user("second-approver", Roles.POLICY_APPROVER);
		this.shipped = this.jdbc.sql("select id from app.ruleset where programme = 'GAF' and origin = 'SHIPPED'")
			.query(Long.class)
			.single();
	}

	@Test
	@Order(1)
	void aDraftIsComparedWithTheVersionInEffectRowByRowAndCellByCell() throws IOException {
		ResponseEntity<JsonNode> upload = upload("editor", GafWorkbook.withBandOneUpTo(1500), null);
		assertThat(upload.getStatusCode()).isEqualTo(HttpStatus.CREATED);
		this.draft = upload.getBody().at("/version/id").asLong();

		JsonNode diff = get("editor", "/api/v1/rulesets/versions/" + this.draft + "/diff").getBody();

		assertThat(diff.at("/from/id").asLong()).isEqualTo(this.shipped);
		assertThat(diff.at("/to/id").asLong()).isEqualTo(this.draft);
		assertThat(diff.at("/diff/tables")).hasSize(1);
		JsonNode table = diff.at("/diff/tables/0");
		assertThat(table.get("table").asText()).isEqualTo("GAF eligibility");
		assertThat(table.get("change").asText()).isEqualTo("CHANGED");
		assertThat(table.get("rows")).hasSize(2);
		assertThat(row(table, 0)).isEqualTo("G14 CHANGED: Amount up to 1000 → 1500");
		assertThat(row(table, 1)).isEqualTo("G15 CHANGED: Amount above 1000 → 1500");
		assertThat(diff.at("/diff/wordings")).isEmpty();

		// The other way round, asked for explicitly.
		JsonNode back = get("approver", "/api/v1/rulesets/versions/" + this.shipped + "/diff?against=" + this.draft)
			.getBody();
		assertThat(row(back.at("/diff/tables/0"), 0)).isEqualTo("G14 CHANGED: Amount up to 1500 → 1000");
	}

	@Test
	@Order(2)
	void revisedScenariosUploadedWithADraftAreTheOnesItIsTriedOn() throws IOException {
		// The shipped scenarios with "band edge: 1000.01 is band 2" revised for the new
		// edge: band 1, supervisor.
		String shippedScenarios = new String(
				getBytes("editor", "/api/v1/rulesets/versions/" + this.shipped + "/scenarios"), StandardCharsets.UTF_8);
		String band = shippedScenarios.lines()
			.filter(line -> line.startsWith("band edge: 1000.01 is band 2"))
			.findFirst()
			.orElseThrow();
		String revised = shippedScenarios.replace(band,
				band.replace("band edge: 1000.01 is band 2", "band edge: 1000.01 is band 1 from now on")
					.replace("REGIONAL", "SUPERVISOR")
					.replace("GAF_BAND_2", "GAF_BAND_1"));

		ResponseEntity<JsonNode> upload = upload("editor", GafWorkbook.withBandOneUpTo(1450), revised);

		assertThat(upload.getStatusCode()).isEqualTo(HttpStatus.CREATED);
		JsonNode report = upload.getBody();
		assertThat(report.get("scenarioOrigin").asText()).isEqualTo("OWN");
		assertThat(report.get("scenarioFailures")).isEmpty();
		assertThat(report.get("scenarios").asInt()).isEqualTo(shippedScenarios.lines().count() - 1);
		long id = report.at("/version/id").asLong();
		assertThat(new String(getBytes("editor", "/api/v1/rulesets/versions/" + id + "/scenarios"),
				StandardCharsets.UTF_8))
			.isEqualTo(revised);
		assertThat(history(id)).containsExactly("UPLOADED:editor", "SCENARIOS_UPLOADED:editor");

		// A scenario file without an input's column stores nothing.
		int versions = versions();
		ResponseEntity<JsonNode> refused = upload("editor", GafWorkbook.withBandOneUpTo(1460),
				revised.replaceFirst(",priorGafCases,", ",prior,"));
		assertThat(refused.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
		assertThat(refused.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
		assertThat(refused.getBody().at("/errors/0/field").asText()).isEqualTo("scenarios");
		assertThat(refused.getBody().get("detail").asText()).contains("line 1", "'prior'");
		assertThat(versions()).isEqualTo(versions);
	}

	@Test
	@Order(3)
	void aRecordedDecisionBecomesAScenarioOfTheDraftAsRecordedOrAsTheDraftDecides() {
		// An identified victim asking 1200: v1 decides G15, REGIONAL, GAF_BAND_2.
		DecisionView recorded = this.decisions.record(gaf("1200.00"),
				new DecisionContext(null, "api-client", Locale.ENGLISH));
		assertThat(recorded.approvalLevel()).isEqualTo(ApprovalLevel.REGIONAL);

		JsonNode asRecorded = post("editor", "/api/v1/rulesets/versions/" + this.draft + "/scenarios/from-decision",
				Map.of("decisionId", recorded.decisionId().toString(), "name", "a 1200 request, as decided in v1"))
			.getBody();
		// The draft decides it band 1: the recorded answer fails, field by field.
		assertThat(asRecorded.get("scenarioOrigin").asText()).isEqualTo("OWN");
		JsonNode failures = asRecorded.get("scenarioFailures");
		assertThat(failures.findValuesAsText("scenario")).containsExactlyInAnyOrder("band edge: 1000.01 is band 2",
				"a 1200 request, as decided in v1");
		JsonNode added = failures
			.get(failures.findValuesAsText("scenario").indexOf("a 1200 request, as decided in v1"));
		assertThat(added.at("/differences/approvalLevel/expected").asText()).isEqualTo("REGIONAL");
		assertThat(added.at("/differences/approvalLevel/actual").asText()).isEqualTo("SUPERVISOR");

		JsonNode asDrafted = post("editor", "/api/v1/rulesets/versions/" + this.draft + "/scenarios/from-decision",
				Map.of("decisionId", recorded.decisionId().toString(), "expect", "DRAFT", "name",
						"a 1200 request is band 1 from now on"))
			.getBody();
		assertThat(asDrafted.get("scenarioFailures").findValuesAsText("scenario"))
			.doesNotContain("a 1200 request is band 1 from now on");
		assertThat(asDrafted.get("scenarios").asInt()).isEqualTo(asRecorded.get("scenarios").asInt() + 1);
		assertThat(history(this.draft)).endsWith("SCENARIO_ADDED:editor", "SCENARIO_ADDED:editor");

		// Only the draft's author adds to its scenarios, and only a decision of its
		// programme.
		ResponseEntity<JsonNode> notAuthor = post("approver",
				"/api/v1/rulesets/versions/" + this.draft + "/scenarios/from-decision",
				Map.of("decisionId", recorded.decisionId().toString()));
		assertThat(notAuthor.getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
		ResponseEntity<JsonNode> noDecision = post("editor",
				"/api/v1/rulesets/versions/" + this.draft + "/scenarios/from-decision", Map.of());
		assertThat(noDecision.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
		assertThat(noDecision.getBody().at("/errors/0/field").asText()).isEqualTo("decisionId");
	}

	@Test
	@Order(4)
	void theVersionInEffectIsComparedWithTheOneItReplaced() {
		assertThat(post("editor", "/api/v1/rulesets/versions/" + this.draft + "/submit", null).getStatusCode())
			.isEqualTo(HttpStatus.OK);
		assertThat(post("approver", "/api/v1/rulesets/versions/" + this.draft + "/approve",
				Map.of("comment", "Agreed with the donors"))
			.getStatusCode()).isEqualTo(HttpStatus.OK);
		this.activations.poll();
		assertThat(status(this.draft)).isEqualTo("ACTIVE");
		assertThat(this.decisions.evaluate(gaf("1200.00"), new DecisionContext(null, "test", Locale.ENGLISH))
			.approvalLevel()).isEqualTo(ApprovalLevel.SUPERVISOR);

		JsonNode diff = get("approver", "/api/v1/rulesets/versions/" + this.draft + "/diff").getBody();

		assertThat(diff.at("/from/id").asLong()).isEqualTo(this.shipped);
		assertThat(row(diff.at("/diff/tables/0"), 0)).isEqualTo("G14 CHANGED: Amount up to 1000 → 1500");
	}

	@Test
	@Order(5)
	void aRollbackAskedForByOnePersonIsRefusedOrApprovedByASecond() {
		String rollbacks = "/api/v1/rulesets/programmes/gaf/rollbacks";
		ResponseEntity<JsonNode> noReason = post("editor", rollbacks, Map.of());
		assertThat(noReason.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
		assertThat(noReason.getBody().at("/errors/0/field").asText()).isEqualTo("reason");

		// Asked for, then refused by a second person.
		JsonNode first = post("approver", rollbacks, Map.of("reason", "Regional offices were not told")).getBody();
		assertThat(first.get("fromId").asLong()).isEqualTo(this.draft);
		assertThat(first.get("toId").asLong()).isEqualTo(this.shipped);
		assertThat(post("editor", rollbacks, Map.of("reason", "Twice")).getStatusCode()).isEqualTo(HttpStatus.CONFLICT);
		String firstPath = "/api/v1/rulesets/rollbacks/" + first.get("id").asLong();
		assertThat(post("approver", firstPath + "/refuse", Map.of("comment", "mine")).getStatusCode())
			.as("the person who asked may not answer")
			.isEqualTo(HttpStatus.FORBIDDEN);
		assertThat(post("second-approver", firstPath + "/refuse", Map.of()).getStatusCode())
			.isEqualTo(HttpStatus.BAD_REQUEST);
		JsonNode refused = post("second-approver", firstPath + "/refuse", Map.of("comment", "They were told on Monday"))
			.getBody();
		assertThat(refused.get("outcome").asText()).isEqualTo("REFUSED");
		assertThat(status(this.draft)).isEqualTo("ACTIVE");

		// Asked for again, and approved: version 1 is in effect again, as a new
		// activation.
		int activations = this.jdbc.sql("select count(*) from app.ruleset_activation where programme = 'GAF'")
			.query(Integer.class)
			.single();
		JsonNode second = post("editor", rollbacks, Map.of("reason", "Band 2 cases lost their regional check"))
			.getBody();
		String secondPath = "/api/v1/rulesets/rollbacks/" + second.get("id").asLong();
		assertThat(post("editor", secondPath + "/approve", Map.of()).getStatusCode()).as("an editor is no approver")
			.isEqualTo(HttpStatus.FORBIDDEN);
		JsonNode approved = post("approver", secondPath + "/approve", Map.of("comment", "Agreed")).getBody();
		assertThat(approved.get("outcome").asText()).isEqualTo("APPROVED");
		assertThat(approved.get("decidedBy").asText()).isEqualTo("approver");

		assertThat(status(this.shipped)).isEqualTo("ACTIVE");
		assertThat(status(this.draft)).isEqualTo("RETIRED");
		assertThat(this.jdbc.sql(
				"select ruleset_id from app.ruleset_activation where programme = 'GAF' order by activated_at desc, id desc")
			.query(Long.class)
			.list()).hasSize(activations + 1).first().isEqualTo(this.shipped);
		this.activations.poll();
		assertThat(this.decisions.evaluate(gaf("1200.00"), new DecisionContext(null, "test", Locale.ENGLISH))
			.approvalLevel()).isEqualTo(ApprovalLevel.REGIONAL);

		assertThat(history(this.draft)).endsWith("ROLLBACK_REQUESTED:approver", "ROLLBACK_REFUSED:second-approver",
				"ROLLBACK_REQUESTED:editor", "RETIRED:approver");
		assertThat(history(this.shipped)).endsWith("ROLLBACK_APPROVED:approver", "ACTIVATED:approver");
		assertThat(get("editor", "/api/v1/rulesets/programmes/gaf/rollbacks").getBody()).hasSize(2);
		assertThat(post("second-approver", secondPath + "/approve", Map.of()).getStatusCode())
			.as("a rollback is answered once")
			.isEqualTo(HttpStatus.CONFLICT);
	}

	/** A changed row as a sentence: id, change, and each cell old → new. */
	private static String row(JsonNode table, int index) {
		JsonNode row = table.get("rows").get(index);
		StringBuilder text = new StringBuilder(row.get("row").asText() + " " + row.get("change").asText() + ":");
		row.get("cells")
			.forEach(cell -> text.append(" ")
				.append(cell.get("column").asText())
				.append(" ")
				.append(cell.get("from").asText())
				.append(" → ")
				.append(cell.get("to").asText()));
		return text.toString();
	}

	private static GafInput gaf(String amount) {
		Map<String, String> input = new HashMap<>(
				Map.ofEntries(Map.entry("victimStatus", "IDENTIFIED"), Map.entry("crossBorder", "true"),
						Map.entry("otherProgramme", "NONE"), Map.entry("consent", "GIVEN"), Map.entry("minor", "false"),
						Map.entry("unaccompanied", "false"), Map.entry("guardianAppointed", "false"),
						Map.entry("immediateDanger", "false"), Map.entry("requested", "MEDICAL"),
						Map.entry("requestedAmount", amount), Map.entry("fundBalance", "10000.00"),
						Map.entry("reTraffickingRisk", "LOW"), Map.entry("priorGafCases", "0")));
		GafInput gaf = TextInputs.read(GafInput.class, input);
		assertThat(gaf.requestedAmount()).isEqualByComparingTo(new BigDecimal(amount));
		return gaf;
	}

	private List<String> history(long id) {
		return this.jdbc.sql("select action || ':' || actor from app.ruleset_event where ruleset_id = ? order by id")
			.param(id)
			.query(String.class)
			.list();
	}

	private String status(long id) {
		return this.jdbc.sql("select status from app.ruleset where id = ?").param(id).query(String.class).single();
	}

	private int versions() {
		return this.jdbc.sql("select count(*) from app.ruleset").query(Integer.class).single();
	}

	private ResponseEntity<JsonNode> upload(String user, byte[] workbook, String scenarios) {
		MultiValueMap<String, Object> parts = new LinkedMultiValueMap<>();
		parts.add("file", named(workbook, "gaf-band-edge.xlsx"));
		parts.add("changeNote", "Band 1 up to 1500");
		if (scenarios != null) {
			parts.add("scenarios", named(scenarios.getBytes(StandardCharsets.UTF_8), "scenarios.csv"));
		}
		HttpHeaders headers = new HttpHeaders();
		headers.setContentType(MediaType.MULTIPART_FORM_DATA);
		return this.http.withBasicAuth(user, user)
			.postForEntity("/api/v1/rulesets/programmes/gaf/drafts", new HttpEntity<>(parts, headers), JsonNode.class);
	}

	private static ByteArrayResource named(byte[] content, String name) {
		return new ByteArrayResource(content) {
			@Override
			public String getFilename() {
				return name;
			}
		};
	}

	private ResponseEntity<JsonNode> get(String user, String path) {
		return this.http.withBasicAuth(user, user).getForEntity(path, JsonNode.class);
	}

	private byte[] getBytes(String user, String path) {
		return this.http.withBasicAuth(user, user).getForObject(path, byte[].class);
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

}
