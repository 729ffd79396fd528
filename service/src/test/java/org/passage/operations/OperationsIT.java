package org.passage.operations;

import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.passage.testing.PassageIntegrationTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.actuate.observability.AutoConfigureObservability;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.TestPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/** What an operator's probes and dashboards read, on PostgreSQL. */
@PassageIntegrationTest
@ExtendWith(OutputCaptureExtension.class)
@AutoConfigureObservability
@TestPropertySource(properties = "passage.operations.gauge-refresh=PT0S")
class OperationsIT {

	@Autowired
	TestRestTemplate http;

	@Autowired
	JdbcClient jdbc;

	@Test
	void isReadyOnlyWithTheDatabaseTheJobExecutorAndALiveRulesetForEveryProgramme() {
		ResponseEntity<Map> readiness = this.http.withBasicAuth("admin", "admin")
			.getForEntity("/actuator/health/readiness", Map.class);
		assertThat(readiness.getStatusCode()).isEqualTo(HttpStatus.OK);
		assertThat(readiness.getBody().toString()).contains("db={status=UP")
			.contains("rulesets={status=UP, details={GAF=gaf-eligibility v1 (shipped)")
			// Tests run the jobs themselves: this node is configured not to.
			.contains("jobExecutor={status=UP, details={jobExecutor=disabled on this node}");
	}

	@Test
	void countsCasesByTypeAndStatusNeverShowingACountBelowElevenAndShowsEachFundsBalance() {
		this.jdbc.sql("insert into app.staff_office (user_id, office) values ('officer', 'OPS') on conflict do nothing")
			.update();
		int year = LocalDate.now(ZoneOffset.UTC).getYear();
		assertThat(post("hq", "/api/v1/funds:top-up", """
				{"programme": "GAF", "office": "OPS", "year": %d, "amount": 12500.00}""".formatted(year))
			.getStatusCode()).isEqualTo(HttpStatus.OK);
		openVotCase();
		assertThat(openVotCases()).isBetween(1L, 10L);
		scrape(); // a fund first seen gets its gauges at this scrape
		assertThat(scrape()).as("a small count can point at a person: no value")
			.contains("passage_cases{status=\"OPEN\",type=\"VOT\"} NaN");

		while (openVotCases() < 11) {
			openVotCase();
		}
		String metrics = scrape();
		assertThat(gauge(metrics, "passage_cases", "status=\"OPEN\",type=\"VOT\"")).isEqualTo(openVotCases());
		assertThat(metrics).contains("passage_fund_balance{fund=\"GAF-OPS-" + year + "\"} 12500.0")
			.contains("passage_fund_budget{fund=\"GAF-OPS-" + year + "\"} 12500.0")
			.contains("passage_jobs_backlog ")
			.contains("passage_jobs_failed 0.0")
			.contains("passage_incidents 0.0");
	}

	private void openVotCase() {
		assertThat(post("officer", "/api/v1/cases", """
				{"type": "VOT", "office": "OPS",
				 "person": {"givenName": "Amina", "familyName": "K.", "sex": "FEMALE", "birthYear": 1998,
				            "nationality": "NGA"}}""").getStatusCode()).isEqualTo(HttpStatus.CREATED);
	}

	private long openVotCases() {
		return this.jdbc.sql("select count(*) from app.case_file where type = 'VOT' and status = 'OPEN'")
			.query(Long.class)
			.single();
	}

	@Test
	void tagsEachRequestWithACorrelationIdAndLogsNoPersonalData(CapturedOutput output) {
		this.jdbc.sql("insert into app.staff_office (user_id, office) values ('officer', 'OPS') on conflict do nothing")
			.update();
		HttpHeaders headers = new HttpHeaders();
		headers.setContentType(MediaType.APPLICATION_JSON);
		headers.set("X-Request-Id", "probe-42");
		ResponseEntity<String> opened = this.http.withBasicAuth("officer", "officer")
			.postForEntity("/api/v1/cases", new HttpEntity<>("""
					{"type": "VOT", "office": "OPS",
					 "person": {"givenName": "Zainab", "familyName": "Quillfeather", "sex": "FEMALE", "birthYear": 1996,
					            "nationality": "NGA"}}""", headers), String.class);
		assertThat(opened.getStatusCode()).isEqualTo(HttpStatus.CREATED);
		assertThat(opened.getHeaders().getFirst("X-Request-Id")).isEqualTo("probe-42");
		String reference = opened.getHeaders().getLocation().getPath().replaceAll(".*/", "");
		assertThat(this.http.withBasicAuth("officer", "officer")
			.getForEntity("/api/v1/cases/" + reference, String.class)
			.getBody()).contains("Quillfeather");

		HttpHeaders forged = new HttpHeaders();
		forged.set("X-Request-Id", "not a token; DROP TABLE");
		String assigned = this.http
			.exchange("/actuator/health/readiness", org.springframework.http.HttpMethod.GET, new HttpEntity<>(forged),
					String.class)
			.getHeaders()
			.getFirst("X-Request-Id");
		assertThat(assigned).matches("[0-9a-f-]{36}");

		assertThat(output.getAll()).as("the log of opening and reading a case file")
			.doesNotContain("Quillfeather")
			.doesNotContain("Zainab");
	}

	private String scrape() {
		return this.http.withBasicAuth("admin", "admin").getForEntity("/actuator/prometheus", String.class).getBody();
	}

	private static long gauge(String metrics, String name, String labels) {
		Matcher value = Pattern.compile("(?m)^" + name + "\\{" + Pattern.quote(labels) + "\\} ([0-9.]+)$")
			.matcher(metrics);
		assertThat(value.find()).as(name + "{" + labels + "} in\n" + metrics).isTrue();
		return (long) Double.parseDouble(value.group(1));
	}

	private ResponseEntity<String> post(String user, String path, String body) {
		HttpHeaders headers = new HttpHeaders();
		headers.setContentType(MediaType.APPLICATION_JSON);
		return this.http.withBasicAuth(user, user).postForEntity(path, new HttpEntity<>(body, headers), String.class);
	}

}
