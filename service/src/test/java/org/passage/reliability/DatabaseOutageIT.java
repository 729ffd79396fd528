package org.passage.reliability;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.passage.testing.Blackout;
import org.passage.testing.PackagedService;
import org.passage.testing.TestDatabase;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * PostgreSQL out of reach for 30 s, then back: meanwhile the service says it is not ready
 * and answers 503 problem+json; afterwards it recovers by itself, without a restart, and
 * nothing it acknowledged before is lost.
 */
class DatabaseOutageIT {

	private static final Pattern DECISION_ID = Pattern.compile("\"decisionId\"\\s*:\\s*\"([0-9a-f-]{36})\"");

	private static final Pattern SERVER = Pattern.compile("jdbc:postgresql://([^:/]+):(\\d+)/([^?]+)(.*)");

	@Test
	void saysItIsNotReadyAnswers503AndRecoversByItselfWhenTheDatabaseReturns() throws Exception {
		TestDatabase.Database database = TestDatabase.fresh();
		Matcher server = SERVER.matcher(database.url());
		assertThat(server.matches()).as(database.url()).isTrue();
		try (Blackout blackout = new Blackout(server.group(1), Integer.parseInt(server.group(2)));
				Connection direct = DriverManager.getConnection(database.url(), database.user(), database.password());
				PackagedService service = PackagedService.start(
						Path.of("target", "packaged-service-logs", "database-outage.log"),
						"--spring.datasource.url=jdbc:postgresql://127.0.0.1:" + blackout.port() + "/" + server.group(3)
								+ server.group(4),
						"--spring.datasource.username=" + database.user(),
						"--spring.datasource.password=" + database.password(), "--spring.profiles.active=quickstart",
						"--passage.demo.users=api-client")) {
			JdbcClient jdbc = JdbcClient.create(new SingleConnectionDataSource(direct, true));
			List<String> acknowledged = new ArrayList<>();
			for (int i = 0; i < 20; i++) {
				HttpResponse<String> answer = recordDecision(service);
				assertThat(answer.statusCode()).as(answer.body()).isEqualTo(201);
				acknowledged.add(decisionId(answer.body()));
			}

			blackout.cut();
			long outageStarted = System.nanoTime();
			assertThat(PackagedService.eventually(30, () -> service.status("/actuator/health/readiness") == 503))
				.as("not ready while the database is out of reach")
				.isTrue();
			HttpResponse<String> refused = recordDecision(service);
			assertThat(refused.statusCode()).as(refused.body()).isEqualTo(503);
			assertThat(refused.headers().firstValue("Content-Type"))
				.hasValueSatisfying(type -> assertThat(type).startsWith("application/problem+json"));
			assertThat(refused.body()).contains("urn:passage:problem:database-unavailable");
			assertThat(refused.headers().firstValue("Retry-After")).isPresent();
			long left = TimeUnit.SECONDS.toNanos(30) - (System.nanoTime() - outageStarted);
			if (left > 0) {
				Thread.sleep(TimeUnit.NANOSECONDS.toMillis(left));
			}

			blackout.restore();
			assertThat(PackagedService.eventually(60, () -> service.status("/actuator/health/readiness") == 200))
				.as("ready again, without a restart")
				.isTrue();
			HttpResponse<String> after = recordDecision(service);
			assertThat(after.statusCode()).as(after.body()).isEqualTo(201);
			acknowledged.add(decisionId(after.body()));

			assertThat(jdbc.sql("select id::text from app.decision where caller = 'api-client'")
				.query(String.class)
				.list()).as("every acknowledged decision, and nothing else")
				.containsExactlyInAnyOrderElementsOf(acknowledged);
		}
	}

	private static HttpResponse<String> recordDecision(PackagedService service) throws Exception {
		return service.send("api-client", "POST", "/api/v1/decisions/gaf", Bodies.GAF);
	}

	private static String decisionId(String body) {
		Matcher id = DECISION_ID.matcher(body);
		assertThat(id.find()).as(body).isTrue();
		return id.group(1);
	}

}
