package org.passage.reliability;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.passage.testing.GafWorkbook;
import org.passage.testing.PackagedService;
import org.passage.testing.TestDatabase;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two nodes of the packaged service on one PostgreSQL, Camunda 7's cluster model: either
 * node serves any request, both run the engine's jobs, a ruleset version approved through
 * one decides on the other within two seconds, and when one is killed the other finishes
 * the jobs it had taken once their locks expire. The tests share the two nodes and run in
 * order: the last one kills node A.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class TwoNodesIT {

	/**
	 * An identified victim asking 1200: band 2 under reference policy v1 (G15, more than
	 * 1000: REGIONAL), band 1 once the edge moves to 1500 (G14: SUPERVISOR).
	 */
	private static final String GAF_1200 = Bodies.GAF.replace("2500.00", "1200.00");

	/** The job executor's own line for the jobs a node runs (DEBUG). */
	private static final Pattern EXECUTES = Pattern
		.compile("ENGINE-14023 Execute jobs for process engine '[^']*': \\[(.*)\\]");

	private static final int CASES = 16;

	private final ObjectMapper json = new ObjectMapper();

	private final StrandedMigrantCases cases = new StrandedMigrantCases("TUN");

	private Connection connection;

	private JdbcClient jdbc;

	private PackagedService a;

	private PackagedService b;

	@BeforeAll
	void startTwoNodesOnOneDatabase() throws Exception {
		TestDatabase.Database database = TestDatabase.fresh();
		Path logs = Path.of("target", "packaged-service-logs");
		// The job counts are read from these logs: none of an earlier run.
		java.nio.file.Files.deleteIfExists(logs.resolve("node-a.log"));
		java.nio.file.Files.deleteIfExists(logs.resolve("node-b.log"));
		this.connection = DriverManager.getConnection(database.url(), database.user(), database.password());
		this.jdbc = JdbcClient.create(new SingleConnectionDataSource(this.connection, true));
		this.a = PackagedService.start(logs.resolve("node-a.log"), settings(database));
		this.b = PackagedService.start(logs.resolve("node-b.log"), settings(database));
	}

	@AfterAll
	void stopThem() throws Exception {
		for (AutoCloseable closeable : new AutoCloseable[] { this.a, this.b, this.connection }) {
			if (closeable != null) {
				closeable.close();
			}
		}
	}

	@Test
	@Order(1)
	void eitherNodeServesAnyRequestAndTheJobsSpreadOverBoth() throws Exception {
		// Each case is opened on one node and worked on the other.
		List<String> references = new ArrayList<>();
		for (int i = 0; i < CASES; i++) {
			references.add(this.cases.toTheHasmDecision(i % 2 == 0 ? this.a : this.b, i % 2 == 0 ? this.b : this.a));
		}
		assertThat(PackagedService.eventually(60, () -> decided(references) == CASES))
			.as("every case's HASM decision made by a job")
			.isTrue();
		Set<String> byA = jobsRun(this.a);
		Set<String> byB = jobsRun(this.b);
		assertThat(byA).as("jobs run by node A").isNotEmpty();
		assertThat(byB).as("jobs run by node B").isNotEmpty();
		assertThat(byA).as("no job run by both").doesNotContainAnyElementsOf(byB);
	}

	@Test
	@Order(2)
	void aVersionActivatedThroughOneNodeDecidesOnBothWithinTwoSeconds() throws Exception {
		assertThat(approvalLevel(this.b)).as("v1 on node B").isEqualTo("REGIONAL");

		HttpResponse<String> uploaded = this.a.upload("policy", "/api/v1/rulesets/programmes/gaf/drafts",
				"gaf-eligibility.xlsx", GafWorkbook.withBandOneUpTo(1500), Map.of("changeNote", "Band 1 up to 1500"));
		assertThat(uploaded.statusCode()).as(uploaded.body()).isEqualTo(201);
		JsonNode version = this.json.readTree(uploaded.body()).get("version");
		long id = version.get("id").asLong();
		String hash = version.get("contentHash").asText();
		assertThat(this.a.send("policy", "POST", "/api/v1/rulesets/versions/" + id + "/submit", null).statusCode())
			.isEqualTo(200);
		// While the version waits for its approver, node B compiles it; node A kept what
		// it compiled to send the draft to review. Its activation is a swap of one
		// reference on each.
		String compiled = "Compiled ruleset version " + id + ":";
		assertThat(PackagedService.eventually(120, () -> logged(this.b, compiled)))
			.as("node B compiled the version in review")
			.isTrue();
		assertThat(logged(this.a, compiled)).as("node A compiled it again").isFalse();

		HttpResponse<String> approved = this.a.send("policy-approver", "POST",
				"/api/v1/rulesets/versions/" + id + "/approve", "{\"comment\": \"Agreed\"}");
		assertThat(approved.statusCode()).as(approved.body()).isEqualTo(200);
		long approvedAt = System.currentTimeMillis();

		// Both nodes swap to the new version within two seconds of its activation (a
		// node's poll, within half a second of the approval, effective at once), as
		// their logs say; their answers meanwhile name one version or the other, never a
		// mix, and then only the new one.
		Set<PackagedService> switched = new HashSet<>();
		while (switched.size() < 2 && System.currentTimeMillis() - approvedAt < 30_000) {
			for (PackagedService node : List.of(this.a, this.b)) {
				JsonNode decision = evaluate(node);
				String level = decision.get("approvalLevel").asText();
				if (decision.at("/rulesetVersion/hash").asText().equals(hash)) {
					assertThat(level).as("band 1 under the new version").isEqualTo("SUPERVISOR");
					switched.add(node);
				}
				else {
					assertThat(switched).as("answers under v1 after the new version").doesNotContain(node);
					assertThat(level).as("band 2 under v1").isEqualTo("REGIONAL");
				}
			}
		}
		assertThat(switched).as("nodes deciding under the new version").containsOnly(this.a, this.b);
		Instant activated = this.jdbc.sql("select activated_at from app.ruleset_activation where ruleset_id = ?")
			.param(id)
			.query(java.sql.Timestamp.class)
			.single()
			.toInstant();
		long onA = Duration.between(activated, swapped(this.a, id)).toMillis();
		long onB = Duration.between(activated, swapped(this.b, id)).toMillis();
		System.out.printf("Activated %d ms after the approval; live on node A %d ms and on node B %d ms after that%n",
				activated.toEpochMilli() - approvedAt, onA, onB);
		assertThat(onA).as("ms from activation until node A swapped").isLessThanOrEqualTo(2000);
		assertThat(onB).as("ms from activation until node B swapped").isLessThanOrEqualTo(2000);
	}

	/** When {@code node}'s log says version {@code id} became its live GAF ruleset. */
	private static Instant swapped(PackagedService node, long id) throws Exception {
		String line = "Live ruleset for GAF is now version " + id + ":";
		return node.logLines()
			.stream()
			.filter(logged -> logged.contains(line))
			.map(logged -> Instant.parse(logged.substring(0, logged.indexOf(' '))))
			.findFirst()
			.orElseThrow(() -> new AssertionError("node never logged: " + line));
	}

	private static boolean logged(PackagedService node, String line) {
		try {
			return node.logLines().stream().anyMatch(logged -> logged.contains(line));
		}
		catch (Exception ex) {
			return false;
		}
	}

	@Test
	@Order(3)
	void whenANodeDiesTheOtherFinishesTheJobsItHadTakenOnceTheirLocksExpire() throws Exception {
		// Node A dies right after making work it may have taken: the jobs it locked
		// run on node B once the lock expires.
		List<String> more = new ArrayList<>();
		for (int i = 0; i < 4; i++) {
			more.add(this.cases.toTheHasmDecision(this.a, this.a));
		}
		this.a.kill();
		assertThat(PackagedService.eventually(60, () -> decided(more) == more.size()))
			.as("the cases node A may have held are decided by node B")
			.isTrue();
		assertThat(this.jdbc.sql("select count(*) from act_ru_job where retries_ = 0").query(Long.class).single())
			.as("failed jobs")
			.isZero();
	}

	private JsonNode evaluate(PackagedService node) throws Exception {
		HttpResponse<String> answer = node.send("api-client", "POST", "/api/v1/decisions/gaf:evaluate", GAF_1200);
		assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
		return this.json.readTree(answer.body());
	}

	private String approvalLevel(PackagedService node) throws Exception {
		return evaluate(node).get("approvalLevel").asText();
	}

	private static String[] settings(TestDatabase.Database database) {
		return new String[] { "--spring.datasource.url=" + database.url(),
				"--spring.datasource.username=" + database.user(),
				"--spring.datasource.password=" + database.password(), "--spring.profiles.active=quickstart",
				"--passage.demo.users=officer,api-client,policy,policy-approver",
				// Short locks and a quick acquisition loop, so the test need not wait
				// minutes.
				"--camunda.bpm.job-execution.lock-time-in-millis=5000",
				"--camunda.bpm.job-execution.wait-time-in-millis=300", "--camunda.bpm.job-execution.max-wait=1000",
				"--logging.level.org.camunda.bpm.engine.jobexecutor=DEBUG" };
	}

	private long decided(List<String> references) {
		return this.jdbc
			.sql("select count(distinct case_reference) from app.case_decision where case_reference in (:refs)")
			.param("refs", references)
			.query(Long.class)
			.single();
	}

	private static Set<String> jobsRun(PackagedService node) throws Exception {
		Set<String> ids = new HashSet<>();
		for (String line : node.logLines()) {
			Matcher jobs = EXECUTES.matcher(line);
			if (jobs.find()) {
				for (String id : jobs.group(1).split(",\\s*")) {
					if (!id.isBlank()) {
						ids.add(id.strip());
					}
				}
			}
		}
		return ids;
	}

}
