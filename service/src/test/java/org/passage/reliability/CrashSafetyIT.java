package org.passage.reliability;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.passage.testing.PackagedService;
import org.passage.testing.TestDatabase;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The packaged service on PostgreSQL, killed with SIGKILL in the middle of a load of
 * recorded decisions and case starts, then started again on the same database. What was
 * acknowledged is there exactly once, what was in flight can be retried at once, no case
 * is half-written, no job is lost, and the fund ledger still balances.
 */
class CrashSafetyIT {

	private static final Pattern DECISION_ID = Pattern.compile("\"decisionId\"\\s*:\\s*\"([0-9a-f-]{36})\"");

	private static final Pattern REFERENCE = Pattern.compile("\"reference\"\\s*:\\s*\"([A-Z]+-\\d{4}-\\d{6})\"");

	/** Key → decision id, for every recording the service acknowledged. */
	private final Map<String, String> acknowledged = new ConcurrentHashMap<>();

	/** Keys sent whose answer never came: the kill cut them off. */
	private final Set<String> unanswered = ConcurrentHashMap.newKeySet();

	private final Set<String> casesOpened = ConcurrentHashMap.newKeySet();

	@Test
	void losesNothingAcknowledgedAndLeavesNothingHalfDoneWhenKilledMidFlight() throws Exception {
		TestDatabase.Database database = TestDatabase.fresh();
		String[] settings = { "--spring.datasource.url=" + database.url(),
				"--spring.datasource.username=" + database.user(),
				"--spring.datasource.password=" + database.password(),
				// The demo accounts, on a database of the test's own.
				"--spring.profiles.active=quickstart", "--passage.demo.users=officer,api-client",
				// A job a dead node locked runs again soon.
				"--camunda.bpm.job-execution.lock-time-in-millis=5000" };
		Path log = Path.of("target", "packaged-service-logs", "crash-safety.log");
		java.nio.file.Files.deleteIfExists(log);
		try (Connection connection = DriverManager.getConnection(database.url(), database.user(),
				database.password())) {
			JdbcClient jdbc = JdbcClient.create(new SingleConnectionDataSource(connection, true));

			try (PackagedService first = PackagedService.start(log, settings)) {
				jdbc.sql(
						"insert into app.staff_office (user_id, office) values ('officer', 'CRS') on conflict do nothing")
					.update();
				AtomicBoolean running = new AtomicBoolean(true);
				ExecutorService clients = Executors.newFixedThreadPool(10);
				for (int i = 0; i < 8; i++) {
					clients.submit(() -> recordDecisions(first, running));
				}
				for (int i = 0; i < 2; i++) {
					clients.submit(() -> openCases(first, running));
				}
				Thread.sleep(4000);
				first.kill();
				running.set(false);
				clients.shutdown();
				assertThat(clients.awaitTermination(30, TimeUnit.SECONDS)).isTrue();
			}
			System.out.printf("Killed mid-flight: %d decisions acknowledged, %d unanswered, %d cases opened%n",
					this.acknowledged.size(), this.unanswered.size(), this.casesOpened.size());
			assertThat(this.acknowledged).as("decisions acknowledged before the kill").hasSizeGreaterThan(50);
			assertThat(this.casesOpened).as("cases opened before the kill").isNotEmpty();

			try (PackagedService second = PackagedService.start(log, settings)) {
				// A retry of what was cut off goes ahead now, not once a claim expires.
				for (String key : this.unanswered) {
					HttpResponse<String> retry = post(second, "api-client", "/api/v1/decisions/gaf", Bodies.GAF, key);
					assertThat(retry.statusCode()).as(retry.body()).isEqualTo(201);
				}
				// Every acknowledged decision is stored, once: its retry is its replay.
				for (Map.Entry<String, String> ack : this.acknowledged.entrySet()) {
					HttpResponse<String> retry = post(second, "api-client", "/api/v1/decisions/gaf", Bodies.GAF,
							ack.getKey());
					assertThat(decisionId(retry.body())).isEqualTo(ack.getValue());
				}
				long keys = this.acknowledged.size() + this.unanswered.size();
				assertThat(jdbc.sql("select count(*) from app.decision where caller = 'api-client'")
					.query(Long.class)
					.single()).as("one decision per key, none lost, none twice").isEqualTo(keys);

				// Every acknowledged case is there, and no case is without its process.
				assertThat(
						jdbc.sql("select reference from app.case_file where office = 'CRS'").query(String.class).list())
					.containsAll(this.casesOpened);
				assertThat(jdbc
					.sql("""
							select count(*) from app.case_file c where c.process_instance_id is null
							or not exists (select 1 from act_ru_execution e where e.proc_inst_id_ = c.process_instance_id)
							and not exists (select 1 from act_hi_procinst h where h.proc_inst_id_ = c.process_instance_id)""")
					.query(Long.class)
					.single()).as("cases without their process").isZero();

				// No job lost: what the dead node had locked runs once its lock expires.
				assertThat(PackagedService.eventually(30, () -> jdbc
					.sql("""
							select count(*) from act_ru_job where retries_ > 0 and (duedate_ is null or duedate_ <= now())""")
					.query(Long.class)
					.single() == 0)).as("the job backlog drains after the restart").isTrue();
				assertThat(jdbc.sql("select count(*) from act_ru_job where retries_ = 0").query(Long.class).single())
					.as("failed jobs")
					.isZero();

				// The ledger balances: each fund's totals are the sum of its
				// reservations.
				assertThat(jdbc.sql("""
						select count(*) from app.fund f where f.reserved <> coalesce((select sum(r.amount)
						from app.fund_reservation r where r.fund_id = f.id and r.status = 'RESERVED'), 0)
						or f.committed <> coalesce((select sum(r.spent) from app.fund_reservation r
						where r.fund_id = f.id and r.status = 'COMMITTED'), 0)""").query(Long.class).single())
					.as("funds whose totals disagree with their reservations")
					.isZero();
			}
		}
	}

	private void recordDecisions(PackagedService service, AtomicBoolean running) {
		while (running.get()) {
			String key = UUID.randomUUID().toString();
			this.unanswered.add(key);
			try {
				HttpResponse<String> answer = post(service, "api-client", "/api/v1/decisions/gaf", Bodies.GAF, key);
				if (answer.statusCode() == 201) {
					this.acknowledged.put(key, decisionId(answer.body()));
					this.unanswered.remove(key);
				}
			}
			catch (Exception cutOff) {
				return;
			}
		}
	}

	private void openCases(PackagedService service, AtomicBoolean running) {
		while (running.get()) {
			try {
				HttpResponse<String> answer = post(service, "officer", "/api/v1/cases", Bodies.newCase("VOT", "CRS"),
						null);
				if (answer.statusCode() == 201) {
					Matcher reference = REFERENCE.matcher(answer.body());
					assertThat(reference.find()).isTrue();
					this.casesOpened.add(reference.group(1));
				}
			}
			catch (Exception cutOff) {
				return;
			}
		}
	}

	private static HttpResponse<String> post(PackagedService service, String user, String path, String body, String key)
			throws Exception {
		return key == null ? service.send(user, "POST", path, body)
				: service.send(user, "POST", path, body, "Idempotency-Key", key);
	}

	private static String decisionId(String body) {
		Matcher id = DECISION_ID.matcher(body);
		assertThat(id.find()).as(body).isTrue();
		return id.group(1);
	}

}
