package org.passage.reliability;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.passage.testing.GafWorkbook;
import org.passage.testing.PackagedService;
import org.passage.testing.TestDatabase;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The packaged service on PostgreSQL, killed with SIGKILL in the middle of a load of
 * recorded decisions, case starts and step completions whose decisions the engine makes
 * in jobs, just after a new ruleset version was approved to take effect at once; then
 * started again on the same database. What was acknowledged is there exactly once, what
 * was in flight can be retried at once, no case is half-written, no job is lost and its
 * decision is made once, the version in effect is the old or the new one and never a mix,
 * and the fund ledger still balances.
 */
class CrashSafetyIT {

	private static final Pattern DECISION_ID = Pattern.compile("\"decisionId\"\\s*:\\s*\"([0-9a-f-]{36})\"");

	private static final Pattern REFERENCE = Pattern.compile("\"reference\"\\s*:\\s*\"([A-Z]+-\\d{4}-\\d{6})\"");

	/** Key → decision id, for every recording the service acknowledged. */
	private final Map<String, String> acknowledged = new ConcurrentHashMap<>();

	/** Keys sent whose answer never came: the kill cut them off. */
	private final Set<String> unanswered = ConcurrentHashMap.newKeySet();

	private final Set<String> casesOpened = ConcurrentHashMap.newKeySet();

	/**
	 * Stranded migrants' cases whose HASM decision was left to a job when acknowledged.
	 */
	private final Set<String> decisionsRequested = ConcurrentHashMap.newKeySet();

	/** The GAF version in effect at the start, and the one approved mid-flight. */
	private long v1;

	private long v2;

	private final StrandedMigrantCases strandedMigrants = new StrandedMigrantCases("CRS");

	/**
	 * Ids of the HASM decisions acknowledged to calls without a key, which share commits
	 * with the others (group commit): each answer came after its own commit.
	 */
	private final Set<String> acknowledgedWithoutKey = ConcurrentHashMap.newKeySet();

	private final AtomicInteger unansweredWithoutKey = new AtomicInteger();

	@Test
	void losesNothingAcknowledgedAndLeavesNothingHalfDoneWhenKilledMidFlight() throws Exception {
		TestDatabase.Database database = TestDatabase.fresh();
		String[] settings = { "--spring.datasource.url=" + database.url(),
				"--spring.datasource.username=" + database.user(),
				"--spring.datasource.password=" + database.password(),
				// The demo accounts, on a database of the test's own.
				"--spring.profiles.active=quickstart", "--passage.demo.users=officer,api-client,policy,policy-approver",
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
				// A version moving the GAF band-1 edge, in review: approved mid-flight.
				this.v1 = activeGafVersion(jdbc);
				HttpResponse<String> draft = first.upload("policy", "/api/v1/rulesets/programmes/gaf/drafts",
						"gaf-eligibility.xlsx", GafWorkbook.withBandOneUpTo(1500),
						Map.of("changeNote", "Band 1 to 1500"));
				assertThat(draft.statusCode()).as(draft.body()).isEqualTo(201);
				this.v2 = new ObjectMapper().readTree(draft.body()).at("/version/id").asLong();
				assertThat(first.send("policy", "POST", "/api/v1/rulesets/versions/" + this.v2 + "/submit", null)
					.statusCode()).isEqualTo(200);

				AtomicBoolean running = new AtomicBoolean(true);
				ExecutorService clients = Executors.newFixedThreadPool(16);
				for (int i = 0; i < 8; i++) {
					clients.submit(() -> recordDecisions(first, running));
				}
				for (int i = 0; i < 4; i++) {
					clients.submit(() -> recordDecisionsWithoutKeys(first, running));
				}
				for (int i = 0; i < 2; i++) {
					clients.submit(() -> openCases(first, running));
				}
				for (int i = 0; i < 2; i++) {
					clients.submit(() -> requestHasmDecisions(first, running));
				}
				// Killed mid-flight once there is work to lose, however slow the machine:
				// decisions recorded, cases opened, decision jobs made, and a version
				// approved to take effect at once, which the node activates in its next
				// poll (every half second): the kill falls before, during or after it.
				PackagedService.eventually(90,
						() -> this.acknowledged.size() > 50 && this.acknowledgedWithoutKey.size() > 50
								&& !this.casesOpened.isEmpty() && this.decisionsRequested.size() >= 2);
				HttpResponse<String> approved = first.send("policy-approver", "POST",
						"/api/v1/rulesets/versions/" + this.v2 + "/approve", "{}");
				assertThat(approved.statusCode()).as(approved.body()).isEqualTo(200);
				Thread.sleep(ThreadLocalRandom.current().nextInt(600));
				first.kill();
				running.set(false);
				clients.shutdown();
				assertThat(clients.awaitTermination(30, TimeUnit.SECONDS)).isTrue();
			}
			System.out
				.printf("Killed mid-flight: %d decisions acknowledged, %d unanswered, %d acknowledged and %d unanswered"
						+ " without a key, %d cases opened, %d HASM decisions requested, GAF version in effect: %s%n",
						this.acknowledged.size(), this.unanswered.size(), this.acknowledgedWithoutKey.size(),
						this.unansweredWithoutKey.get(), this.casesOpened.size(), this.decisionsRequested.size(),
						activeGafVersion(jdbc) == this.v2 ? "the new one" : "the old one");
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
				assertThat(
						jdbc.sql("select count(*) from app.decision where caller = 'api-client' and programme = 'GAF'")
							.query(Long.class)
							.single())
					.as("one decision per key, none lost, none twice")
					.isEqualTo(keys);

				// Every decision acknowledged without a key is stored; of those cut off,
				// some may have committed before the kill, unanswered.
				assertThat(jdbc.sql("select count(*) from app.decision where id::text = any(string_to_array(?, ','))")
					.param(String.join(",", this.acknowledgedWithoutKey))
					.query(Long.class)
					.single()).as("decisions acknowledged without a key, stored")
					.isEqualTo(this.acknowledgedWithoutKey.size());
				assertThat(
						jdbc.sql("select count(*) from app.decision where caller = 'api-client' and programme = 'HASM'")
							.query(Long.class)
							.single())
					.as("HASM decisions stored")
					.isBetween((long) this.acknowledgedWithoutKey.size(),
							(long) this.acknowledgedWithoutKey.size() + this.unansweredWithoutKey.get());

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

				// Each HASM decision left to a job is made, once.
				assertThat(PackagedService.eventually(60, () -> hasmDecisions(jdbc) == this.decisionsRequested.size()))
					.as("HASM decisions made for the cases that asked for one")
					.isTrue();
				assertThat(jdbc.sql("""
						select count(*) from (select case_reference from app.case_decision where programme = 'HASM'
						group by case_reference having count(*) > 1) twice""").query(Long.class).single())
					.as("cases decided twice")
					.isZero();

				// The version in effect is the old or the new one, never a mix: one
				// active
				// version, which decides; every decision names one of the two. An
				// approved
				// version whose activation the kill cut off is activated after the
				// restart.
				assertThat(PackagedService.eventually(10, () -> activeGafVersion(jdbc) == this.v2))
					.as("the approved version in effect")
					.isTrue();
				assertThat(jdbc.sql("select count(*) from app.ruleset where programme = 'GAF' and status = 'ACTIVE'")
					.query(Long.class)
					.single()).isEqualTo(1);
				assertThat(jdbc.sql("select status from app.ruleset where id = ?")
					.param(this.v1)
					.query(String.class)
					.single()).isEqualTo("RETIRED");
				assertThat(jdbc
					.sql("select count(*) from app.decision where programme = 'GAF' and ruleset_id not in (?, ?)")
					.params(this.v1, this.v2)
					.query(Long.class)
					.single()).as("GAF decisions under neither version").isZero();
				String v2Hash = jdbc.sql("select content_hash from app.ruleset where id = ?")
					.param(this.v2)
					.query(String.class)
					.single();
				assertThat(PackagedService.eventually(10, () -> v2Hash.equals(decidingHash(second))))
					.as("the restarted node decides under the version in effect")
					.isTrue();

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

	private void requestHasmDecisions(PackagedService service, AtomicBoolean running) {
		while (running.get()) {
			try {
				this.decisionsRequested.add(this.strandedMigrants.toTheHasmDecision(service, service));
			}
			catch (Throwable cutOff) {
				return;
			}
		}
	}

	private void recordDecisionsWithoutKeys(PackagedService service, AtomicBoolean running) {
		while (running.get()) {
			this.unansweredWithoutKey.incrementAndGet();
			try {
				HttpResponse<String> answer = post(service, "api-client", "/api/v1/programmes/hasm/decisions",
						Bodies.HASM, null);
				if (answer.statusCode() == 201) {
					this.acknowledgedWithoutKey.add(decisionId(answer.body()));
					this.unansweredWithoutKey.decrementAndGet();
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

	private long hasmDecisions(JdbcClient jdbc) {
		return jdbc.sql("select count(*) from app.case_decision where programme = 'HASM' and case_reference in (:refs)")
			.param("refs", this.decisionsRequested)
			.query(Long.class)
			.single();
	}

	private static long activeGafVersion(JdbcClient jdbc) {
		return jdbc.sql("select id from app.ruleset where programme = 'GAF' and status = 'ACTIVE'")
			.query(Long.class)
			.single();
	}

	/**
	 * The content hash of the version a what-if GAF decision on {@code service} names.
	 */
	private static String decidingHash(PackagedService service) {
		try {
			HttpResponse<String> answer = service.send("api-client", "POST", "/api/v1/decisions/gaf:evaluate",
					Bodies.GAF);
			return new ObjectMapper().readTree(answer.body()).at("/rulesetVersion/hash").asText();
		}
		catch (Exception ex) {
			return "";
		}
	}

	private static String decisionId(String body) {
		Matcher id = DECISION_ID.matcher(body);
		assertThat(id.find()).as(body).isTrue();
		return id.group(1);
	}

}
