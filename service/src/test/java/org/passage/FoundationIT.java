package org.passage;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.passage.testing.PassageIntegrationTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.actuate.observability.AutoConfigureObservability;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The service starts on PostgreSQL with Camunda's schema, Passage's schema and the
 * shipped rulesets.
 */
@PassageIntegrationTest
@AutoConfigureObservability
class FoundationIT {

	@Autowired
	TestRestTemplate http;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	org.camunda.bpm.engine.RepositoryService repository;

	@Test
	void reportsHealthIncludingTheDatabase() {
		var health = this.http.getForEntity("/actuator/health/readiness", Map.class);
		assertThat(health.getStatusCode()).isEqualTo(HttpStatus.OK);
		assertThat(health.getBody()).containsEntry("status", "UP");
		var asAdmin = this.http.withBasicAuth("admin", "admin").getForEntity("/actuator/health", Map.class);
		assertThat(asAdmin.getBody().toString()).contains("db={status=UP");
	}

	@Test
	void deploysTheCaseProcessesAndTheirForms() {
		// What Cockpit lists (engine REST is not bound in tests: each context names its
		// engine uniquely).
		assertThat(this.repository.createProcessDefinitionQuery().latestVersion().listPage(0, 100))
			.extracting(org.camunda.bpm.engine.repository.ProcessDefinition::getKey)
			.contains("vot-case", "stranded-migrant-case", "avrr-case", "reintegration");
		List<String> resources = this.repository.createDeploymentQuery()
			.listPage(0, 100)
			.stream()
			.flatMap(deployment -> this.repository.getDeploymentResourceNames(deployment.getId()).stream())
			.toList();
		assertThat(resources).anyMatch(name -> name.endsWith("approval.form"))
			.anyMatch(name -> name.endsWith("reintegration-plan.form"));
	}

	@Test
	void createsCamundasTablesAndPassagesOwnSchemaSideBySide() {
		assertThat(this.jdbc
			.sql("select count(*) from information_schema.tables where table_schema = 'public' "
					+ "and table_name like 'act_%'")
			.query(Integer.class)
			.single()).isGreaterThan(40);
		assertThat(this.jdbc.sql("select table_name from information_schema.tables where table_schema = 'app'")
			.query(String.class)
			.list()).contains("ruleset", "ruleset_file", "ruleset_activation", "flyway_schema_history");
	}

	@Test
	void storesAndActivatesTheShippedRulesetOfEachProgramme() {
		assertThat(this.jdbc.sql("select programme from app.ruleset_activation order by programme")
			.query(String.class)
			.list()).containsExactly("GAF", "HASM", "REINTEGRATION");
		var live = this.http.withBasicAuth("officer", "officer")
			.exchange("/api/v1/rulesets", HttpMethod.GET, null,
					new ParameterizedTypeReference<List<Map<String, Object>>>() {
					});
		assertThat(live.getBody()).extracting(ruleset -> ruleset.get("label"))
			.containsExactly("gaf-eligibility v1 (shipped)", "hasm-eligibility v1 (shipped)",
					"reintegration-package v1 (shipped)");
	}

	@Test
	void asksForCredentialsAndKeepsTheEngineApiForOperators() {
		assertThat(this.http.getForEntity("/api/v1/rulesets", String.class).getStatusCode())
			.isEqualTo(HttpStatus.UNAUTHORIZED);
		// A wrong password counts against "policy" from here (sign-in throttling); it is
		// used nowhere else in this class.
		assertThat(this.http.withBasicAuth("policy", "wrong")
			.getForEntity("/api/v1/rulesets", String.class)
			.getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED);
		assertThat(this.http.withBasicAuth("officer", "officer")
			.getForEntity("/engine-rest/engine", String.class)
			.getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
		assertThat(this.http.withBasicAuth("admin", "admin")
			.getForEntity("/engine-rest/engine", String.class)
			.getStatusCode()).isEqualTo(HttpStatus.OK);
		assertThat(this.http.withBasicAuth("officer", "officer")
			.getForEntity("/actuator/prometheus", String.class)
			.getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
	}

	@Test
	void exposesBuildInfoAndPrometheusMetricsIncludingDecisions() {
		assertThat(this.http.getForEntity("/actuator/info", String.class).getStatusCode())
			.as("nothing for anonymous callers")
			.isEqualTo(HttpStatus.UNAUTHORIZED);
		assertThat(this.http.withBasicAuth("admin", "admin").getForEntity("/actuator/info", String.class).getBody())
			.contains("passage-service");
		org.springframework.http.HttpHeaders json = new org.springframework.http.HttpHeaders();
		json.setContentType(org.springframework.http.MediaType.APPLICATION_JSON);
		this.http.withBasicAuth("api-client", "api-client")
			.postForEntity("/api/v1/decisions/reintegration:evaluate", new org.springframework.http.HttpEntity<>("""
					{"pathway": "CRISIS_EVACUATION", "vulnerabilities": [], "adults": 1, "children": 0,
					 "returnContext": "STABLE", "plan": "NONE", "businessPlanAssessed": false, "contributionPct": 0,
					 "reTraffickingRisk": "LOW", "bannedFromDestination": false, "priorPackage": false, "age": 40}""",
					json), String.class);
		String metrics = this.http.withBasicAuth("admin", "admin")
			.getForEntity("/actuator/prometheus", String.class)
			.getBody();
		assertThat(metrics).contains("jvm_memory_used_bytes")
			.containsPattern(
					"passage_decisions_total\\{[^}]*outcome=\"ELIGIBLE\"[^}]*programme=\"reintegration\"[^}]*recorded=\"false\"")
			.contains("passage_decision_evaluation_seconds_bucket");
	}

}
