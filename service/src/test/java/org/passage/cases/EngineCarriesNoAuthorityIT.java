package org.passage.cases;

import java.util.List;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;
import org.camunda.bpm.engine.AuthorizationService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.identity.User;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.passage.security.Roles;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The attacks that once worked against the engine's surfaces, each tried again and
 * refused (ADR 0006): staff signing in to Camunda's webapps, operators' engine access
 * changing money or who may approve, completions that bypass Passage, deployments through
 * REST, models reading personal data.
 */
// A context (and database) of its own: the variables planted here would fail the other
// case tests' allow-list check.
@org.springframework.test.context.TestPropertySource(properties = "passage.test.planted-variables=true")
class EngineCarriesNoAuthorityIT extends CaseworkTesting {

	/** What the operator's attack below plants: variables that once carried authority. */
	private static final java.util.Set<String> PLANTED = java.util.Set.of("grantedAmount", "preparedBy");

	private static final List<String> STAFF = List.of("officer", "supervisor", "regional", "hq", "policy",
			"api-client");

	@Autowired
	ProcessEngine engine;

	@Autowired
	TaskService tasks;

	@Autowired
	IdentityService identity;

	@Autowired
	AuthorizationService authorizations;

	@Autowired
	RepositoryService repository;

	@ParameterizedTest
	@ValueSource(strings = { "welcome", "tasklist", "cockpit", "admin" })
	void noStaffRoleSignsInToACamundaWebapp(String app) {
		for (String user : STAFF) {
			ResponseEntity<String> signIn = signIn(user, app);
			assertThat(signIn.getStatusCode().value()).as(user + " signing in to " + app).isEqualTo(403);
			assertThat(read(signIn.getBody()).get("type").asText()).isEqualTo("urn:passage:problem:operators-only");
		}
		ResponseEntity<String> operator = signIn("admin", app);
		assertThat(operator.getStatusCode().value()).as("the operator signs in: " + operator.getBody()).isEqualTo(200);
	}

	@Test
	void theWebappsEngineApiAnswersNoStaffCredentials() {
		for (String user : STAFF) {
			ResponseEntity<String> listed = get(user, "/camunda/api/engine/engine/" + this.engine.getName() + "/task");
			assertThat(listed.getStatusCode().is2xxSuccessful()).as(user + " listing tasks").isFalse();
			assertThat(get(user, "/engine-rest/task").getStatusCode().value()).as(user + " on engine REST")
				.isEqualTo(403);
		}
	}

	@Test
	void deployingThroughEitherRestApiIsOffByDefault() {
		HttpHeaders headers = new HttpHeaders();
		headers.setContentType(MediaType.MULTIPART_FORM_DATA);
		for (String path : List.of("/engine-rest/deployment/create", "/engine-rest/deployment/create/",
				"/camunda/api/engine/engine/" + this.engine.getName() + "/deployment/create",
				"/camunda/api/engine/engine/" + this.engine.getName() + "/deployment/create/")) {
			ResponseEntity<String> deployed = this.http.withBasicAuth("admin", "admin")
				.exchange(path, HttpMethod.POST, new HttpEntity<>("", headers), String.class);
			assertThat(deployed.getStatusCode().value()).as(path).isEqualTo(403);
			assertThat(read(deployed.getBody()).get("type").asText())
				.isEqualTo("urn:passage:problem:rest-deployment-off");
		}
	}

	@Test
	void staffGroupsHoldNoEngineAuthorizationEvenWithTasksWaitingForThem() {
		staffWorkFor("ABJ");
		openCase("VOT", "ABJ");
		assertThat(this.authorizations.createAuthorizationQuery().groupIdIn(Roles.ALL.toArray(String[]::new)).count())
			.isZero();
	}

	@Test
	void changedAmountPreparerOrApproverVariablesChangeNeitherTheReservationNorWhoMayApprove() {
		staffWorkFor("ABJ");
		fund("GAF", "ABJ", "50000.00");
		dualRoleOfficer("dual", "ABJ");
		String vot = openCase("VOT", "ABJ");
		completes("officer", vot, "Activity_ScreenCase", VotCaseIT.SCREENING);
		completes("officer", vot, "Activity_ProvideImmediateNeeds", VotCaseIT.NEEDS);
		completes("officer", vot, "Activity_RecordConsent", VotCaseIT.CONSENT);
		completes("officer", vot, "Activity_AssessRisk", VotCaseIT.RISK);
		completes("dual", vot, "Activity_PlanAssistance", """
				{"requested": ["MEDICAL", "LEGAL"], "requestedAmount": 2500.00, "otherProgramme": "NONE"}""");
		runDueSteps(vot);
		// G15: identified, cross-border, no other programme, consent given, 1000 < 2500
		// <= 3000:
		// ELIGIBLE, 2,500, REGIONAL.
		JsonNode gaf = caseFile("regional", vot).get("decisions").get(0);
		assertThat(gaf.get("approvalLevel").asText()).isEqualTo("REGIONAL");

		// What an operator with the engine API could do: every variable and the task's
		// groups changed.
		String instance = this.runtime.createProcessInstanceQuery()
			.processInstanceBusinessKey(vot)
			.singleResult()
			.getId();
		this.runtime.setVariable(instance, "grantedAmount", "45000.00");
		this.runtime.setVariable(instance, "preparedBy", "regional");
		this.runtime.setVariable(instance, "approverGroup", Roles.SUPERVISOR);
		this.runtime.setVariable(instance, "fundId", "GAF-ABJ-1999");
		this.runtime.setVariable(instance, "decisionId", UUID.randomUUID().toString());
		this.runtime.setVariable(instance, "caseId", "VOT-1999-000001");
		Task approval = this.tasks.createTaskQuery().processInstanceId(instance).singleResult();
		this.tasks.addCandidateGroup(approval.getId(), Roles.SUPERVISOR);

		this.tasks.setAssignee(approval.getId(), "supervisor");
		assertThat(post("supervisor", "/api/v1/tasks/" + approval.getId() + ":complete", """
				{"approved": true}""").getStatusCode().value())
			.as("a supervisor made the assignee through the engine still may not approve at REGIONAL level")
			.isEqualTo(404);
		this.tasks.setAssignee(approval.getId(), null);
		assertThat(post("supervisor", "/api/v1/tasks/" + approval.getId() + ":claim", "").getStatusCode().value())
			.as("a supervisor added to the task's groups still may not approve at REGIONAL level")
			.isEqualTo(404);
		assertThat(post("dual", "/api/v1/tasks/" + approval.getId() + ":claim", "").getStatusCode().value())
			.as("the preparer may not approve, whatever preparedBy says")
			.isEqualTo(403);
		completes("regional", vot, "Activity_ApproveAssistance", """
				{"approved": true}""");
		runDueSteps(vot);

		assertThat(fund("GAF-ABJ-" + VotCaseIT.year())).containsEntry("reserved", new java.math.BigDecimal("2500.00"));
		assertThat(this.jdbc.sql("select fund_id, amount::text from app.fund_reservation where case_reference = ?")
			.param(vot)
			.query((rs, row) -> rs.getString(1) + " " + rs.getString(2))
			.list()).containsExactly("GAF-ABJ-" + VotCaseIT.year() + " 2500.00");
		assertThat(
				this.jdbc.sql("select approver || ' after ' || prepared_by from app.approval where case_reference = ?")
					.param(vot)
					.query(String.class)
					.list())
			.containsExactly("regional after dual");
	}

	@Test
	void aStepCompletedThroughTheEngineInsteadOfPassageIsRefused() {
		staffWorkFor("ABJ");
		String vot = openCase("VOT", "ABJ");
		Task screening = this.tasks.createTaskQuery().processInstanceBusinessKey(vot).singleResult();
		this.tasks.claim(screening.getId(), "officer");
		assertThatThrownBy(() -> this.tasks.complete(screening.getId()))
			.hasMessageContaining("is completed through Passage");
		assertThat(this.tasks.createTaskQuery().taskId(screening.getId()).count()).as("still open").isOne();
		assertThat(this.jdbc.sql("select count(*) from app.case_event where case_reference = ? and kind = 'COMPLETED'")
			.param(vot)
			.query(Long.class)
			.single()).isZero();
	}

	@Test
	void aDeployedModelCannotReachBeansOtherThanProcessSteps() {
		this.repository.createDeployment()
			.addModelInstance("leak.bpmn", Bpmn.createExecutableProcess("leak")
				.camundaHistoryTimeToLive(1)
				.startEvent()
				.serviceTask()
				.camundaExpression("${jdbcClient.sql('select given_name from app.person').query().listOfRows()}")
				.endEvent()
				.done())
			.deploy();
		assertThatThrownBy(() -> this.runtime.startProcessInstanceByKey("leak")).hasMessageContaining("jdbcClient");
	}

	@Override
	void theEngineHoldsOnlyAllowedVariables() {
		List<String> names = this.jdbc.sql("select name_ from act_ru_variable union select name_ from act_hi_varinst")
			.query(String.class)
			.list();
		assertThat(names).as("variables outside the allow-list, the planted ones aside")
			.allMatch(name -> org.passage.cases.ProcessVariables.allowed(name) || PLANTED.contains(name));
	}

	/**
	 * Signs in as Camunda's webapps do: with the session and CSRF token cookies a first
	 * page load sets.
	 */
	@Test
	void aSignInPathSpelledDifferentlyIsRefusedAlike() {
		for (String suffix : List.of("/", "//")) {
			ResponseEntity<String> signIn = signIn("officer", "welcome" + suffix);
			assertThat(signIn.getStatusCode().value()).as("welcome" + suffix).isEqualTo(403);
			assertThat(read(signIn.getBody()).get("type").asText()).isEqualTo("urn:passage:problem:operators-only");
		}
		ResponseEntity<String> setup = this.http
			.postForEntity("/camunda/api/admin/setup/" + this.engine.getName() + "/user/create", "{}", String.class);
		assertThat(setup.getStatusCode().value()).as("Camunda's first-user set-up").isEqualTo(403);
	}

	private ResponseEntity<String> signIn(String user, String app) {
		ResponseEntity<String> page = this.http.getForEntity("/camunda/app/" + app + "/" + this.engine.getName() + "/",
				String.class);
		HttpHeaders headers = new HttpHeaders();
		headers.setContentType(MediaType.APPLICATION_FORM_URLENCODED);
		List<String> cookies = page.getHeaders().getOrEmpty(HttpHeaders.SET_COOKIE);
		cookies.forEach(cookie -> headers.add(HttpHeaders.COOKIE, cookie.split(";", 2)[0]));
		cookies.stream()
			.filter(cookie -> cookie.startsWith("XSRF-TOKEN="))
			.findFirst()
			.ifPresent(
					cookie -> headers.add("X-XSRF-TOKEN", cookie.split(";", 2)[0].substring("XSRF-TOKEN=".length())));
		return this.http.exchange("/camunda/api/admin/auth/user/" + this.engine.getName() + "/login/" + app,
				HttpMethod.POST, new HttpEntity<>("username=" + user + "&password=" + user, headers), String.class);
	}

	/**
	 * A user who is both a case officer and a regional approver: four eyes must still
	 * hold.
	 */
	private void dualRoleOfficer(String id, String office) {
		if (this.identity.createUserQuery().userId(id).count() == 0) {
			User user = this.identity.newUser(id);
			user.setPassword(id);
			this.identity.saveUser(user);
			this.identity.createMembership(id, Roles.CASE_OFFICER);
			this.identity.createMembership(id, Roles.REGIONAL_APPROVER);
		}
		this.jdbc.sql("insert into app.staff_office (user_id, office) values (?, ?) on conflict do nothing")
			.params(id, office)
			.update();
	}

}
