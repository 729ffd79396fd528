package org.passage.reliability;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.passage.testing.PackagedService;
import org.passage.testing.TestDatabase;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two nodes of the packaged service on one PostgreSQL, Camunda 7's cluster model: either
 * node serves any request, both run the engine's jobs, and when one is killed the other
 * finishes the jobs it had taken once their locks expire.
 */
class TwoNodesIT {

	private static final String RETURN_NEEDS = """
			{"stranded": true, "cause": "DESTITUTION", "migrationStatus": "IRREGULAR", "ownMeans": false,
			 "severity": "DESPERATE", "wishesToReturn": true, "protectionClaim": "NONE",
			 "suspectedVictimOfTrafficking": false, "avrrProjectAvailable": false, "crisisOperationActive": false,
			 "unaccompaniedMinor": false, "vulnerable": true, "travelDocument": "OBTAINABLE", "fitToTravel": "FIT",
			 "estimatedCost": 850.00}""";

	/** The job executor's own line for the jobs a node runs (DEBUG). */
	private static final Pattern EXECUTES = Pattern
		.compile("ENGINE-14023 Execute jobs for process engine '[^']*': \\[(.*)\\]");

	private static final int CASES = 16;

	private final ObjectMapper json = new ObjectMapper();

	@Test
	void servesAnyRequestOnEitherNodeSpreadsTheJobsAndFinishesADeadNodesJobs() throws Exception {
		TestDatabase.Database database = TestDatabase.fresh();
		Path logs = Path.of("target", "packaged-service-logs");
		// The job counts are read from these logs: none of an earlier run.
		java.nio.file.Files.deleteIfExists(logs.resolve("node-a.log"));
		java.nio.file.Files.deleteIfExists(logs.resolve("node-b.log"));
		try (Connection connection = DriverManager.getConnection(database.url(), database.user(), database.password());
				PackagedService a = PackagedService.start(logs.resolve("node-a.log"), settings(database));
				PackagedService b = PackagedService.start(logs.resolve("node-b.log"), settings(database))) {
			JdbcClient jdbc = JdbcClient.create(new SingleConnectionDataSource(connection, true));

			// Each case is opened on one node and worked on the other.
			List<String> references = new ArrayList<>();
			for (int i = 0; i < CASES; i++) {
				references.add(toTheHasmDecision(i % 2 == 0 ? a : b, i % 2 == 0 ? b : a));
			}
			assertThat(PackagedService.eventually(60, () -> decided(jdbc, references) == CASES))
				.as("every case's HASM decision made by a job")
				.isTrue();
			Set<String> byA = jobsRun(a);
			Set<String> byB = jobsRun(b);
			assertThat(byA).as("jobs run by node A").isNotEmpty();
			assertThat(byB).as("jobs run by node B").isNotEmpty();
			assertThat(byA).as("no job run by both").doesNotContainAnyElementsOf(byB);

			// Node A dies right after making work it may have taken: the jobs it locked
			// run on node B once the lock expires.
			List<String> more = new ArrayList<>();
			for (int i = 0; i < 4; i++) {
				more.add(toTheHasmDecision(a, a));
			}
			a.kill();
			assertThat(PackagedService.eventually(60, () -> decided(jdbc, more) == more.size()))
				.as("the cases node A may have held are decided by node B")
				.isTrue();
			assertThat(jdbc.sql("select count(*) from act_ru_job where retries_ = 0").query(Long.class).single())
				.as("failed jobs")
				.isZero();
		}
	}

	private static String[] settings(TestDatabase.Database database) {
		return new String[] { "--spring.datasource.url=" + database.url(),
				"--spring.datasource.username=" + database.user(),
				"--spring.datasource.password=" + database.password(), "--spring.profiles.active=quickstart",
				"--passage.demo.users=officer",
				// Short locks and a quick acquisition loop, so the test need not wait
				// minutes.
				"--camunda.bpm.job-execution.lock-time-in-millis=5000",
				"--camunda.bpm.job-execution.wait-time-in-millis=300", "--camunda.bpm.job-execution.max-wait=1000",
				"--logging.level.org.camunda.bpm.engine.jobexecutor=DEBUG" };
	}

	private static long decided(JdbcClient jdbc, List<String> references) {
		return jdbc.sql("select count(distinct case_reference) from app.case_decision where case_reference in (:refs)")
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

	/**
	 * Opens a stranded migrant's case on {@code opener} and works it on {@code worker} up
	 * to the HASM decision, an asynchronous step: a job for whichever node takes it.
	 */
	private String toTheHasmDecision(PackagedService opener, PackagedService worker) throws Exception {
		String reference = openStrandedMigrantCase(opener);
		complete(worker, reference, "Activity_ProvideImmediateHelp", """
				{"needsMet": ["FOOD_WATER"], "summary": "Water and a bed"}""");
		complete(worker, reference, "Activity_ScreenProtectionNeeds", """
				{"screening": "NONE"}""");
		complete(worker, reference, "Activity_ConfirmWishToReturn", RETURN_NEEDS);
		return reference;
	}

	private String openStrandedMigrantCase(PackagedService node) throws Exception {
		HttpResponse<String> opened = node.send("officer", "POST", "/api/v1/cases",
				Bodies.newCase("STRANDED_MIGRANT", "TUN"));
		assertThat(opened.statusCode()).as(opened.body()).isEqualTo(201);
		return this.json.readTree(opened.body()).get("reference").asText();
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
