package org.passage.cases;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.AfterEach;
import org.passage.testing.PassageIntegrationTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What case workflow tests share: the demo staff calling the case and task API over HTTP,
 * and the job executor's part played by the test (it is off in tests, so each async step
 * runs when the test says, on the test's thread, with the real delegates and the real
 * decision engine).
 */
@PassageIntegrationTest
abstract class CaseworkTesting {

	@Autowired
	TestRestTemplate http;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	ObjectMapper json;

	@Autowired
	RuntimeService runtime;

	@Autowired
	ManagementService management;

	/**
	 * After every case test, full cases of each type included: the engine holds no
	 * variable outside the allow-list of ids and routing flags, neither now nor in its
	 * history.
	 */
	@AfterEach
	void theEngineHoldsOnlyAllowedVariables() {
		List<String> names = this.jdbc.sql("select name_ from act_ru_variable union select name_ from act_hi_varinst")
			.query(String.class)
			.list();
		assertThat(names).as("process variables outside the allow-list").allMatch(ProcessVariables::allowed);
	}

	/** Lets the demo staff work for {@code office} too, as an operator would. */
	void staffWorkFor(String office) {
		for (String user : List.of("officer", "supervisor", "regional")) {
			this.jdbc.sql("insert into app.staff_office (user_id, office) values (?, ?) on conflict do nothing")
				.params(user, office)
				.update();
		}
	}

	void fund(String programme, String office, String amount) {
		ResponseEntity<String> topUp = post("hq", "/api/v1/funds:top-up", """
				{"programme": "%s", "office": "%s", "year": %d, "amount": %s}""".formatted(programme, office,
				java.time.LocalDate.now(java.time.ZoneOffset.UTC).getYear(), amount));
		assertThat(topUp.getStatusCode().value()).as(topUp.getBody()).isEqualTo(200);
	}

	String openCase(String type, String office) {
		ResponseEntity<String> opened = post("officer", "/api/v1/cases", """
				{"type": "%s", "office": "%s",
				 "person": {"givenName": "Amina", "familyName": "K.", "sex": "FEMALE", "birthYear": 1998,
				            "nationality": "NGA"}}""".formatted(type, office));
		assertThat(opened.getStatusCode().value()).as(opened.getBody()).isEqualTo(201);
		return read(opened.getBody()).get("reference").asText();
	}

	/**
	 * An AVRR case of {@code office}: counselling, signed declaration, vulnerability,
	 * travel: waiting for approval.
	 */
	String avrrReadyForApproval(String office) {
		staffWorkFor(office);
		String avrr = openCase("AVRR", office);
		completes("officer", avrr, "Activity_CounselReturn", """
				{"summary": "Counselled twice"}""");
		completes("officer", avrr, "Activity_SignVoluntarinessDeclaration", """
				{"declarationSigned": true}""");
		completes("officer", avrr, "Activity_AssessVulnerability", """
				{"summary": "Single mother of two"}""");
		completes("officer", avrr, "Activity_PrepareTravel", """
				{"summary": "Passport valid, fit to fly"}""");
		return avrr;
	}

	/** The open step {@code step} of the case, as {@code user} sees it in their inbox. */
	String taskId(String user, String reference, String step) {
		for (JsonNode task : read(get(user, "/api/v1/tasks").getBody())) {
			if (task.get("caseReference").asText().equals(reference) && task.get("step").asText().equals(step)) {
				return task.get("id").asText();
			}
		}
		throw new AssertionError(user + " has no step " + step + " of " + reference + " in their inbox");
	}

	ResponseEntity<String> complete(String user, String reference, String step, String form) {
		return post(user, "/api/v1/tasks/" + taskId(user, reference, step) + ":complete", form);
	}

	void completes(String user, String reference, String step, String form) {
		ResponseEntity<String> done = complete(user, reference, step, form);
		assertThat(done.getStatusCode().value()).as(step + ": " + done.getBody()).isEqualTo(204);
	}

	/**
	 * Runs every async step that is due for the case (and its sub-process), as the job
	 * executor would.
	 */
	void runDueSteps(String reference) {
		for (int round = 0; round < 20; round++) {
			List<Job> due = jobs(reference, false);
			if (due.isEmpty()) {
				return;
			}
			due.forEach(job -> this.management.executeJob(job.getId()));
		}
		throw new AssertionError(reference + " keeps making jobs");
	}

	/** Lets the case's timers run now: the configured months pass in a moment. */
	void fireTimers(String reference) {
		jobs(reference, true).forEach(job -> this.management.executeJob(job.getId()));
	}

	List<Job> jobs(String reference, boolean timers) {
		List<Job> jobs = new ArrayList<>();
		for (ProcessInstance instance : this.runtime.createProcessInstanceQuery()
			.processInstanceBusinessKey(reference)
			.list()) {
			var query = this.management.createJobQuery().processInstanceId(instance.getId());
			jobs.addAll(timers ? query.timers().list() : query.messages().list());
		}
		return jobs;
	}

	JsonNode caseFile(String user, String reference) {
		ResponseEntity<String> file = get(user, "/api/v1/cases/" + reference);
		assertThat(file.getStatusCode().value()).as(file.getBody()).isEqualTo(200);
		return read(file.getBody());
	}

	ResponseEntity<String> post(String user, String path, String body) {
		HttpHeaders headers = new HttpHeaders();
		headers.setContentType(MediaType.APPLICATION_JSON);
		return this.http.withBasicAuth(user, user)
			.exchange(path, HttpMethod.POST, new HttpEntity<>(body, headers), String.class);
	}

	ResponseEntity<String> get(String user, String path) {
		return this.http.withBasicAuth(user, user).getForEntity(path, String.class);
	}

	JsonNode read(String body) {
		try {
			return this.json.readTree(body);
		}
		catch (com.fasterxml.jackson.core.JsonProcessingException ex) {
			throw new AssertionError("Not JSON: " + body, ex);
		}
	}

	Map<String, Object> fund(String id) {
		return this.jdbc.sql("select budget, reserved, committed from app.fund where id = ?")
			.param(id)
			.query()
			.singleRow();
	}

}
