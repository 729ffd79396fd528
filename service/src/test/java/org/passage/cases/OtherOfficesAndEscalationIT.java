package org.passage.cases;

import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.User;
import org.junit.jupiter.api.Test;
import org.passage.security.Roles;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Ids of another office's case, step or decision, tried on every verb, answer exactly as
 * ids that do not exist, and change nothing (insecure direct object references); nobody
 * approves what they prepared; and no field of a request body (office, roles, who
 * prepared or approved) gives its sender more than their account has.
 */
class OtherOfficesAndEscalationIT extends CaseworkTesting {

	/** An office none of the demo staff works for. */
	static final String OTHER_OFFICE = "IDO";

	static final String NO_SUCH_CASE = "VOT-2026-999999";

	static final String NO_SUCH_ID = "00000000-0000-0000-0000-000000000000";

	@Autowired
	IdentityService identity;

	@Test
	void everyVerbOnAnotherOfficesCaseAnswersAsForACaseThatDoesNotExistAndChangesNothing() {
		String elsewhere = caseOfAnotherOffice();
		Map<String, Object> before = stateOf(elsewhere);

		for (String[] call : List.of(new String[] { "GET", "" }, new String[] { "PUT", "" },
				new String[] { "DELETE", "" }, new String[] { "PATCH", "" }, new String[] { "POST", "/notes" },
				new String[] { "POST", "/consent:withdraw" }, new String[] { "POST", "/voluntariness:revoke" },
				new String[] { "POST", "/subject-access-export" })) {
			for (String user : List.of("officer", "supervisor", "regional")) {
				String body = call[1].equals("/notes") ? "{\"text\": \"Seen\"}"
						: call[1].equals("/subject-access-export") ? "{\"reason\": \"Asked for it\"}" : "{}";
				ResponseEntity<String> theirs = send(user, call[0], "/api/v1/cases/" + elsewhere + call[1], body);
				ResponseEntity<String> none = send(user, call[0], "/api/v1/cases/" + NO_SUCH_CASE + call[1], body);

				assertThat(answer(theirs, elsewhere)).as("%s %s as %s", call[0], call[1], user)
					.isEqualTo(answer(none, NO_SUCH_CASE));
			}
		}
		assertThat(stateOf(elsewhere)).isEqualTo(before);
		assertThat(get("regional", "/api/v1/cases/" + elsewhere).getStatusCode().value())
			.as("the regional approver works for RBA and TUN, not " + OTHER_OFFICE)
			.isEqualTo(404);
	}

	@Test
	void anotherOfficesStepAnswersAsAStepThatDoesNotExistAndStaysUnclaimedAndOpen() {
		String elsewhere = caseOfAnotherOffice();
		String step = taskId("officer-ido", elsewhere, "Activity_ScreenCase");

		for (String[] call : List.of(new String[] { "GET", "" }, new String[] { "POST", ":claim" },
				new String[] { "POST", ":complete" }, new String[] { "DELETE", "" })) {
			ResponseEntity<String> theirs = send("officer", call[0], "/api/v1/tasks/" + step + call[1], "{}");
			ResponseEntity<String> none = send("officer", call[0], "/api/v1/tasks/" + NO_SUCH_ID + call[1], "{}");

			assertThat(answer(theirs, step)).as("%s %s", call[0], call[1]).isEqualTo(answer(none, NO_SUCH_ID));
		}
		assertThat(this.jdbc.sql("select assignee_ from act_ru_task where id_ = ?")
			.param(step)
			.query(String.class)
			.optional()).as("still open, claimed by nobody").isEmpty();
		assertThat(
				this.jdbc.sql("select count(*) from act_ru_task where id_ = ?").param(step).query(Long.class).single())
			.isEqualTo(1);
	}

	@Test
	void anotherSystemsDecisionAnswersAsADecisionThatDoesNotExist() {
		String mine = system("idor-mine");
		String theirs = system("idor-theirs");
		String decision = read(post(theirs, "/api/v1/programmes/gaf/decisions", """
				{"victimStatus": "IDENTIFIED", "crossBorder": true, "otherProgramme": "NONE", "consent": "GIVEN",
				 "minor": false, "unaccompanied": false, "guardianAppointed": false, "immediateDanger": false,
				 "requested": ["MEDICAL"], "requestedAmount": 500.00, "fundBalance": 10000.00,
				 "reTraffickingRisk": "LOW", "priorGafCases": 0}""").getBody()).get("decisionId").asText();

		for (String[] call : List.of(new String[] { "GET", "" }, new String[] { "POST", ":replay" },
				new String[] { "DELETE", "" })) {
			ResponseEntity<String> other = send(mine, call[0], "/api/v1/decisions/" + decision + call[1], "{}");
			ResponseEntity<String> none = send(mine, call[0], "/api/v1/decisions/" + NO_SUCH_ID + call[1], "{}");

			assertThat(answer(other, decision)).as("%s %s", call[0], call[1]).isEqualTo(answer(none, NO_SUCH_ID));
		}
		assertThat(send(theirs, "GET", "/api/v1/decisions/" + decision, null).getStatusCode().value()).isEqualTo(200);
	}

	@Test
	void nobodyApprovesAReturnTheyPreparedEvenWhenTheyMayApproveOthers() {
		staffWorkFor("SLF");
		String both = account("prepares-and-approves", Roles.CASE_OFFICER);
		this.identity.createMembership(both, Roles.SUPERVISOR);
		worksFor(both, "SLF");
		fund("REINTEGRATION", "SLF", "40000.00");
		String avrr = openCase("AVRR", "SLF");
		completes(both, avrr, "Activity_CounselReturn", """
				{"summary": "Counselled twice"}""");
		completes(both, avrr, "Activity_SignVoluntarinessDeclaration", """
				{"declarationSigned": true}""");
		completes(both, avrr, "Activity_AssessVulnerability", """
				{"summary": "Single mother of two"}""");
		completes(both, avrr, "Activity_PrepareTravel", """
				{"summary": "Passport valid, fit to fly"}""");
		String approval = taskId("supervisor", avrr, "Activity_ApproveReturn");

		ResponseEntity<String> claimed = post(both, "/api/v1/tasks/" + approval + ":claim", "");
		ResponseEntity<String> approved = post(both, "/api/v1/tasks/" + approval + ":complete", """
				{"approved": true}""");

		assertThat(claimed.getStatusCode().value()).as(claimed.getBody()).isIn(403, 404);
		assertThat(approved.getStatusCode().value()).as(approved.getBody()).isIn(403, 404);
		assertThat(caseFile("supervisor", avrr).get("openTasks"))
			.as("the return still waits for another person's approval")
			.anyMatch(task -> task.get("step").asText().equals("Activity_ApproveReturn"));
		completes("supervisor", avrr, "Activity_ApproveReturn", """
				{"approved": true}""");
	}

	@Test
	void officeOrRolesOrAuthorsInACaseBodyAreRefusedAndOpenNothing() {
		long before = count("app.case_file");

		for (String extra : List.of("\"openedBy\": \"hq\"", "\"officer\": \"hq\"", "\"roles\": [\"HQ_APPROVER\"]",
				"\"preparedBy\": \"supervisor\"", "\"approvedBy\": \"supervisor\"")) {
			ResponseEntity<String> refused = post("officer", "/api/v1/cases", """
					{"type": "VOT", "office": "TUN", %s,
					 "person": {"givenName": "Amina", "familyName": "K.", "sex": "FEMALE"}}""".formatted(extra));

			assertThat(refused.getStatusCode().value()).as(extra + ": " + refused.getBody()).isEqualTo(400);
			assertThat(refused.getBody()).contains(extra.substring(1, extra.indexOf('"', 1)));
		}
		ResponseEntity<String> otherOffice = post("officer", "/api/v1/cases", """
				{"type": "VOT", "office": "%s",
				 "person": {"givenName": "Amina", "familyName": "K.", "sex": "FEMALE"}}""".formatted(OTHER_OFFICE));
		assertThat(otherOffice.getStatusCode().value()).as("an office the officer does not work for").isEqualTo(403);
		assertThat(count("app.case_file")).isEqualTo(before);
	}

	@Test
	void whoPreparedOrApprovedInAStepsFormIsRefusedAndTheStepStaysOpen() {
		staffWorkFor("ESC");
		String vot = openCase("VOT", "ESC");
		String step = taskId("officer", vot, "Activity_ScreenCase");

		for (String field : List.of("preparedBy", "approvedBy", "office", "roles")) {
			ResponseEntity<String> refused = post("officer", "/api/v1/tasks/" + step + ":complete",
					"{\"%s\": \"hq\"}".formatted(field));

			assertThat(refused.getStatusCode().value()).as(field + ": " + refused.getBody()).isEqualTo(400);
			assertThat(refused.getBody()).contains(field);
		}
		assertThat(
				this.jdbc.sql("select count(*) from act_ru_task where id_ = ?").param(step).query(Long.class).single())
			.isEqualTo(1);
	}

	@Test
	void aCallingSystemCannotNameAnotherCallerOrAnOfficeInItsRequest() {
		String partner = system("escalating-partner");
		long before = count("app.decision");

		for (String extra : List.of("\"caller\": \"api-client\"", "\"office\": \"TUN\"", "\"roles\": [\"ADMIN\"]")) {
			ResponseEntity<String> refused = post(partner, "/api/v1/programmes/gaf/decisions", """
					{"victimStatus": "IDENTIFIED", "crossBorder": true, "otherProgramme": "NONE", "consent": "GIVEN",
					 "minor": false, "unaccompanied": false, "guardianAppointed": false, "immediateDanger": false,
					 "requested": ["MEDICAL"], "requestedAmount": 500.00, "fundBalance": 10000.00,
					 "reTraffickingRisk": "LOW", "priorGafCases": 0, %s}""".formatted(extra));

			assertThat(refused.getStatusCode().value()).as(extra + ": " + refused.getBody()).isEqualTo(400);
		}
		assertThat(count("app.decision")).isEqualTo(before);
	}

	@Test
	void staffCannotGiveThemselvesAnOffice() {
		List<String> before = officesOf("officer");

		for (String user : List.of("officer", "supervisor", "hq")) {
			ResponseEntity<String> refused = send(user, "PUT", "/api/v1/staff/" + user + "/offices", """
					{"offices": ["TUN", "%s"]}""".formatted(OTHER_OFFICE));
			assertThat(refused.getStatusCode().value()).as(user).isEqualTo(403);
		}
		assertThat(officesOf("officer")).isEqualTo(before);
	}

	/** A VOT case of {@link #OTHER_OFFICE}, opened by its own case officer. */
	String caseOfAnotherOffice() {
		String officer = account("officer-ido", Roles.CASE_OFFICER);
		worksFor(officer, OTHER_OFFICE);
		ResponseEntity<String> opened = post(officer, "/api/v1/cases", """
				{"type": "VOT", "office": "%s",
				 "person": {"givenName": "Amina", "familyName": "K.", "sex": "FEMALE", "birthYear": 1998,
				            "nationality": "NGA"}}""".formatted(OTHER_OFFICE));
		assertThat(opened.getStatusCode().value()).as(opened.getBody()).isEqualTo(201);
		return read(opened.getBody()).get("reference").asText();
	}

	/** What a case's file holds that a call could change, and who read it. */
	Map<String, Object> stateOf(String reference) {
		return this.jdbc.sql("""
				select c.status,
				       (select count(*) from app.case_event e where e.case_reference = c.reference) as events,
				       (select count(*) from app.case_note n where n.case_reference = c.reference) as notes,
				       (select count(*) from app.consent s where s.case_reference = c.reference
				        and s.withdrawn_at is not null) as withdrawn,
				       (select count(*) from app.audit_event a where a.case_reference = c.reference) as audited
				from app.case_file c where c.reference = ?""").param(reference).query().singleRow();
	}

	/**
	 * The answer without the id asked for: its status, and its problem's type and title.
	 */
	String answer(ResponseEntity<String> response, String id) {
		String body = response.getBody() == null ? "" : response.getBody();
		JsonNode problem = body.startsWith("{") ? read(body) : null;
		return response.getStatusCode().value() + " "
				+ (problem == null ? "" : problem.path("type").asText() + " " + problem.path("title").asText());
	}

	ResponseEntity<String> send(String user, String method, String path, String body) {
		HttpHeaders headers = new HttpHeaders();
		headers.setContentType(MediaType.APPLICATION_JSON);
		return this.http.withBasicAuth(user, user)
			.exchange(path, HttpMethod.valueOf(method), new HttpEntity<>(body, headers), String.class);
	}

	String system(String name) {
		return account(name, Roles.DECISION_API);
	}

	String account(String name, String role) {
		if (this.identity.createUserQuery().userId(name).count() == 0) {
			User user = this.identity.newUser(name);
			user.setPassword(name);
			this.identity.saveUser(user);
			this.identity.createMembership(name, role);
		}
		return name;
	}

	void worksFor(String user, String office) {
		this.jdbc.sql("insert into app.staff_office (user_id, office) values (?, ?) on conflict do nothing")
			.params(user, office)
			.update();
	}

	List<String> officesOf(String user) {
		return this.jdbc.sql("select office from app.staff_office where user_id = ? order by office")
			.param(user)
			.query(String.class)
			.list();
	}

	long count(String table) {
		return this.jdbc.sql("select count(*) from " + table).query(Long.class).single();
	}

}
