package org.passage.security;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.passage.audit.AuditTrail;
import org.passage.cases.CaseService;
import org.passage.cases.CaseStatistics;
import org.passage.cases.CaseType;
import org.passage.cases.Person;
import org.passage.cases.Staff;
import org.passage.cases.WaitingSteps;
import org.passage.decisions.DecisionContext;
import org.passage.decisions.DecisionService;
import org.passage.decisiontables.PolicyChanges;
import org.passage.funds.Funds;
import org.passage.impact.ImpactSimulations;
import org.passage.rules.decision.Programme;
import org.passage.rules.facts.Consent;
import org.passage.rules.facts.GafInput;
import org.passage.rules.facts.OtherProgramme;
import org.passage.rules.facts.RiskLevel;
import org.passage.rules.facts.VictimStatus;
import org.passage.tasks.Steps;
import org.passage.testing.PassageIntegrationTest;
import org.passage.testing.SignedIn;
import org.passage.web.NotFoundException;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.authentication.AuthenticationCredentialsNotFoundException;
import org.springframework.transaction.support.TransactionTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The services check the caller's role themselves (method security), not only the URLs: a
 * service bean called directly, as a new page or adapter would call it, refuses a role
 * that may not make the call, and nothing changes. Offices are the services' next check:
 * the right role in the wrong office finds nothing.
 */
@PassageIntegrationTest
class ServiceLayerRolesIT {

	/** Every office, and every role but the one a call needs. */
	static final List<String> EVERY_OFFICE = List.of("TUN", "RBA", "DKR", "NIA");

	@Autowired
	CaseService cases;

	@Autowired
	Steps steps;

	@Autowired
	DecisionService decisions;

	@Autowired
	Funds funds;

	@Autowired
	PolicyChanges changes;

	@Autowired
	ImpactSimulations simulations;

	@Autowired
	AuditTrail trail;

	@Autowired
	CaseStatistics statistics;

	@Autowired
	TransactionTemplate transactions;

	@Autowired
	TestRestTemplate http;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	ObjectMapper json;

	@Test
	void anAuditorCannotReadACaseFileThroughTheServiceWhateverOfficesItClaims() {
		String reference = openCaseInTunis();

		assertThatThrownBy(() -> SignedIn.as("auditor", Roles.AUDITOR,
				() -> this.cases.read(reference, staff("auditor", Roles.AUDITOR))))
			.isInstanceOf(AccessDeniedException.class);
		assertThat(auditRowsAbout(reference, "auditor")).as("nothing was read, so nothing is recorded").isZero();
	}

	@Test
	void anOperatorRunsTheServiceButDoesNotReadVictimsFiles() {
		String reference = openCaseInTunis();

		assertThatThrownBy(
				() -> SignedIn.as("admin", "ADMIN", () -> this.cases.read(reference, staff("admin", "ADMIN"))))
			.isInstanceOf(AccessDeniedException.class);
	}

	@Test
	void aCallingSystemCannotOpenACase() {
		long before = count("app.case_file");

		assertThatThrownBy(() -> SignedIn.as("api-client", Roles.DECISION_API,
				() -> this.cases.open(CaseType.VOT, "TUN", person(), staff("api-client", Roles.DECISION_API))))
			.isInstanceOf(AccessDeniedException.class);
		assertThat(count("app.case_file")).isEqualTo(before);
	}

	@Test
	void aSupervisorCannotRecordADecisionAsTheDecisionApiDoes() {
		long before = count("app.decision");

		assertThatThrownBy(() -> SignedIn.as("supervisor", Roles.SUPERVISOR,
				() -> this.decisions.record(gaf(), new DecisionContext(null, "supervisor", Locale.ENGLISH), null)))
			.isInstanceOf(AccessDeniedException.class);
		assertThat(count("app.decision")).isEqualTo(before);
	}

	@Test
	void aCaseOfficerCannotApproveAPolicyVersion() {
		long version = this.jdbc.sql("select min(id) from app.ruleset").query(Long.class).single();
		String status = statusOf(version);

		assertThatThrownBy(() -> SignedIn.as("officer", Roles.CASE_OFFICER,
				() -> this.changes.approve(version, null, "looks fine", "officer")))
			.isInstanceOf(AccessDeniedException.class);
		assertThat(statusOf(version)).isEqualTo(status);
	}

	@Test
	void aPolicyEditorCannotTopUpAFund() {
		long before = count("app.fund");

		assertThatThrownBy(() -> SignedIn.as("policy", Roles.POLICY_EDITOR,
				() -> this.transactions.execute(status -> this.funds.topUp(Programme.GAF, "ZZZ",
						LocalDate.now(ZoneOffset.UTC).getYear(), new BigDecimal("1000")))))
			.isInstanceOf(AccessDeniedException.class);
		assertThat(count("app.fund")).isEqualTo(before);
	}

	@Test
	void aCaseOfficerCannotReadTheAuditTrailNorSimulateNorSeeTheDashboardsCounts() {
		String reference = openCaseInTunis();

		SignedIn.as("officer", Roles.CASE_OFFICER, () -> {
			assertThatThrownBy(() -> this.trail.ofPersonOfCase(reference, "officer"))
				.isInstanceOf(AccessDeniedException.class);
			assertThatThrownBy(() -> this.simulations.start(1, Instant.EPOCH, Instant.now(), null, "officer"))
				.isInstanceOf(AccessDeniedException.class);
			assertThatThrownBy(() -> this.statistics.openStepsByTypeAndStep(EVERY_OFFICE))
				.isInstanceOf(AccessDeniedException.class);
			assertThatThrownBy(() -> this.cases.applyRetention(java.time.Period.ZERO, "officer"))
				.isInstanceOf(AccessDeniedException.class);
		});
	}

	@Test
	void policyStaffHaveNoInboxOfCases() {
		assertThatThrownBy(() -> SignedIn.as("policy", Roles.POLICY_EDITOR,
				() -> this.steps.inbox(staff("policy", Roles.POLICY_EDITOR), WaitingSteps.Whose.UNCLAIMED,
						WaitingSteps.Filter.NONE, 0, 25)))
			.isInstanceOf(AccessDeniedException.class);
	}

	@Test
	void nobodySignedInIsRefusedBeforeAnythingIsRead() {
		String reference = openCaseInTunis();

		assertThatThrownBy(() -> this.cases.read(reference, staff("officer", Roles.CASE_OFFICER)))
			.isInstanceOf(AuthenticationCredentialsNotFoundException.class);
	}

	@Test
	void theRightRoleInAnotherOfficeFindsNoSuchCase() {
		String reference = openCaseInTunis();
		Staff elsewhere = new Staff("officer", Set.of(Roles.CASE_OFFICER), List.of("DKR"));

		assertThatThrownBy(
				() -> SignedIn.as("officer", Roles.CASE_OFFICER, () -> this.cases.read(reference, elsewhere)))
			.isInstanceOf(NotFoundException.class);
		assertThat(SignedIn.as("officer", Roles.CASE_OFFICER,
				() -> this.cases.read(reference, staff("officer", Roles.CASE_OFFICER)).reference()))
			.isEqualTo(reference);
	}

	/** Someone with this role who works for every office. */
	static Staff staff(String user, String role) {
		return new Staff(user, Set.of(role), EVERY_OFFICE);
	}

	static Person person() {
		return new Person("Amina", "K.", Person.Sex.FEMALE, 1998, "NGA");
	}

	/** GAF band 1 for an identified, consenting victim (domain.md 2.1, G14). */
	static GafInput gaf() {
		return new GafInput(VictimStatus.IDENTIFIED, true, OtherProgramme.NONE, Consent.GIVEN, false, false, false,
				false, Set.of(org.passage.rules.decision.Component.MEDICAL), new BigDecimal("500.00"),
				new BigDecimal("10000.00"), RiskLevel.LOW, 0);
	}

	/** A VOT case the demo officer opens in Tunis, through the API. */
	String openCaseInTunis() {
		HttpHeaders headers = new HttpHeaders();
		headers.setContentType(MediaType.APPLICATION_JSON);
		ResponseEntity<String> opened = this.http.withBasicAuth("officer", "officer")
			.exchange("/api/v1/cases", HttpMethod.POST, new HttpEntity<>("""
					{"type": "VOT", "office": "TUN",
					 "person": {"givenName": "Amina", "familyName": "K.", "sex": "FEMALE", "birthYear": 1998,
					            "nationality": "NGA"}}""", headers), String.class);
		assertThat(opened.getStatusCode().value()).as(opened.getBody()).isEqualTo(201);
		try {
			return this.json.readTree(opened.getBody()).get("reference").asText();
		}
		catch (com.fasterxml.jackson.core.JsonProcessingException ex) {
			throw new AssertionError(ex);
		}
	}

	long count(String table) {
		return this.jdbc.sql("select count(*) from " + table).query(Long.class).single();
	}

	long auditRowsAbout(String reference, String actor) {
		return this.jdbc.sql("select count(*) from app.audit_event where case_reference = ? and actor = ?")
			.params(reference, actor)
			.query(Long.class)
			.single();
	}

	String statusOf(long version) {
		return this.jdbc.sql("select status from app.ruleset where id = ?").param(version).query(String.class).single();
	}

}
