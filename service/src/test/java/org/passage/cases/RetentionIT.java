package org.passage.cases;

import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;

import static org.assertj.core.api.Assertions.assertThat;
import org.passage.testing.SignedIn;

/**
 * Retention and the person's access to their data (issue 12). Once the retention period
 * (two years by default) has passed since a person's last case closed, nothing of their
 * personal data is left in Passage's tables or in the engine's history, and the
 * statistics still count their cases. Before that, a supervisor of the office exports
 * everything about them for them, giving the reason.
 */
class RetentionIT extends CaseworkTesting {

	@Autowired
	CaseStatistics statistics;

	@Test
	void afterTheRetentionPeriodAClosedCaseHoldsNoPersonalDataAnywhereAndStillCounts() {
		String reference = closedCase("RTA");
		Object person = personOf(reference);
		List<String> processes = processesOf(reference);
		assertThat(processes).as("the case and its sub-processes in the engine's history").isNotEmpty();
		List<String> ciphertexts = sealedDataOf(reference);
		assertThat(ciphertexts).hasSizeGreaterThanOrEqualTo(9);
		assertThat(engineRowsAbout(reference, processes)).as("what the engine's history holds of the case")
			.contains("act_hi_procinst", "act_hi_taskinst", "act_hi_varinst", "act_hi_actinst");
		long statisticsBefore = statisticsOf("RTA");
		long countedBefore = counted(CaseStatus.CONSENT_WITHDRAWN);

		closedYearsAgo(reference, 1);
		assertThat(read(post("admin", "/api/v1/operations/retention:apply", "").getBody()).get("people").asLong())
			.as("within the period, nothing is erased")
			.isZero();
		closedYearsAgo(reference, 3);
		ResponseEntity<String> applied = post("admin", "/api/v1/operations/retention:apply", "");
		assertThat(applied.getStatusCode().value()).as(applied.getBody()).isEqualTo(200);
		assertThat(read(applied.getBody()).get("people").asLong()).isEqualTo(1);

		Map<String, Object> erased = this.jdbc.sql("select * from app.person where id = ?")
			.param(person)
			.query()
			.singleRow();
		assertThat(erased.get("erased_at")).isNotNull();
		assertThat(erased).containsEntry("given_name_sealed", null)
			.containsEntry("family_name_sealed", null)
			.containsEntry("sex_sealed", null)
			.containsEntry("birth_year_sealed", null)
			.containsEntry("nationality_sealed", null)
			.containsEntry("name_index", null);
		List<String> everyRow = everyRowOfSchemaApp();
		for (String ciphertext : ciphertexts) {
			assertThat(everyRow).as("a ciphertext of the person's data").noneMatch(row -> row.contains(ciphertext));
		}
		assertThat(everyRow).noneMatch(row -> row.contains("Amina"));
		assertThat(this.jdbc.sql("select facts::text from app.case_file where reference = ?")
			.param(reference)
			.query(String.class)
			.single()).as("the facts the forms gave").isEqualTo("{}");
		assertThat(engineRowsAbout(reference, processes)).as("the engine's history of the case").isEmpty();

		assertThat(statisticsOf("RTA")).isEqualTo(statisticsBefore).isEqualTo(1);
		assertThat(counted(CaseStatus.CONSENT_WITHDRAWN)).isEqualTo(countedBefore);
		JsonNode file = caseFile("officer", reference);
		assertThat(file.get("status").asText()).isEqualTo("CONSENT_WITHDRAWN");
		assertThat(file.get("person").isNull()).isTrue();
		assertThat(file.get("notes")).allSatisfy(note -> assertThat(note.get("text").isNull()).isTrue());
		assertThat(this.jdbc.sql("""
				select count(*) from app.audit_event
				 where action = 'CASE_ANONYMISED' and case_reference = ? and actor = 'admin'""")
			.param(reference)
			.query(Long.class)
			.single()).isEqualTo(1);
		assertThat(read(post("admin", "/api/v1/operations/retention:apply", "").getBody()).get("people").asLong())
			.as("a second run finds nobody")
			.isZero();
		assertThat(post("supervisor", "/api/v1/cases/" + reference + "/subject-access-export", """
				{"reason": "Request by the person"}""").getStatusCode().value()).as("nothing left to export")
			.isEqualTo(409);
	}

	@Test
	void aPersonKeepsTheirDataWhileAnyOfTheirCasesIsOpenOrClosedWithinThePeriod() {
		String open = closedCase("RTB");
		String recent = closedCase("RTB");
		this.jdbc.sql("update app.case_file set closed_at = null, status = 'OPEN' where reference = ?")
			.param(open)
			.update();
		closedYearsAgo(recent, 1);

		post("admin", "/api/v1/operations/retention:apply", "");

		assertThat(caseFile("officer", open).get("person").get("givenName").asText()).isEqualTo("Amina");
		assertThat(caseFile("officer", recent).get("person").get("givenName").asText()).isEqualTo("Amina");
	}

	@Test
	void aSupervisorExportsEverythingAboutThePersonForThemAndTheReasonIsRecorded() {
		staffWorkFor("RTC");
		String reference = openCase("VOT", "RTC");
		completes("officer", reference, "Activity_ScreenCase", VotCaseIT.SCREENING);
		post("officer", "/api/v1/cases/" + reference + "/notes", """
				{"text": "Called the shelter"}""");

		ResponseEntity<String> export = post("supervisor", "/api/v1/cases/" + reference + "/subject-access-export", """
				{"reason": "Request by the person, 2 March, counter of the Tunis office"}""");
		assertThat(export.getStatusCode().value()).as(export.getBody()).isEqualTo(200);
		assertThat(export.getHeaders().getFirst(HttpHeaders.CONTENT_DISPOSITION))
			.isEqualTo("attachment; filename=\"" + reference + "-subject-access.json\"");
		JsonNode everything = read(export.getBody());
		assertThat(everything.get("person").get("givenName").asText()).isEqualTo("Amina");
		assertThat(everything.get("exportedBy").asText()).isEqualTo("supervisor");
		JsonNode theCase = everything.get("cases").get(0);
		assertThat(theCase.get("reference").asText()).isEqualTo(reference);
		assertThat(theCase.get("notes").get(0).get("text").asText()).isEqualTo("Called the shelter");
		assertThat(theCase.get("timeline"))
			.anySatisfy(entry -> assertThat(entry.path("detail").path("values").path("summary").asText())
				.isEqualTo("Screening interview held with an interpreter"));
		assertThat(this.jdbc.sql("""
				select reason from app.audit_event
				 where action = 'SUBJECT_ACCESS_EXPORTED' and case_reference = ? and actor = 'supervisor'""")
			.param(reference)
			.query(String.class)
			.list()).containsExactly("Request by the person, 2 March, counter of the Tunis office");

		assertThat(post("officer", "/api/v1/cases/" + reference + "/subject-access-export", """
				{"reason": "curious"}""").getStatusCode().value()).as("case officers do not export").isEqualTo(403);
		ResponseEntity<String> noReason = post("supervisor", "/api/v1/cases/" + reference + "/subject-access-export",
				"""
						{"reason": " "}""");
		assertThat(noReason.getStatusCode().value()).isEqualTo(400);
		assertThat(noReason.getBody()).contains("reason");
		this.jdbc.sql("delete from app.staff_office where user_id = 'supervisor' and office = 'RTC'").update();
		assertThat(post("supervisor", "/api/v1/cases/" + reference + "/subject-access-export", """
				{"reason": "Request by the person"}""").getStatusCode().value()).as("another office's case")
			.isEqualTo(404);
	}

	/**
	 * A VoT case with every kind of personal data (screening, needs, consent, a note, a
	 * delivery after its GAF decision), closed by the withdrawal of consent.
	 */
	private String closedCase(String office) {
		staffWorkFor(office);
		fund("GAF", office, "5000.00");
		String reference = openCase("VOT", office);
		completes("officer", reference, "Activity_ScreenCase", VotCaseIT.SCREENING);
		completes("officer", reference, "Activity_ProvideImmediateNeeds", VotCaseIT.NEEDS);
		completes("officer", reference, "Activity_RecordConsent", VotCaseIT.CONSENT);
		completes("officer", reference, "Activity_AssessRisk", VotCaseIT.RISK);
		completes("officer", reference, "Activity_PlanAssistance", VotCaseIT.PLAN);
		runDueSteps(reference);
		completes("supervisor", reference, "Activity_ApproveAssistance", """
				{"approved": true, "comment": "Within band 1"}""");
		runDueSteps(reference);
		completes("officer", reference, "Activity_DeliverAssistance", """
				{"deliveredAmount": 750.00, "summary": "Medical and psychosocial care"}""");
		runDueSteps(reference);
		assertThat(post("officer", "/api/v1/cases/" + reference + "/notes", """
				{"text": "Called the shelter"}""").getStatusCode().value()).isEqualTo(204);
		assertThat(post("officer", "/api/v1/cases/" + reference + "/consent:withdraw", "").getStatusCode().value())
			.isEqualTo(204);
		runDueSteps(reference);
		assertThat(caseFile("officer", reference).get("status").asText()).isEqualTo("CONSENT_WITHDRAWN");
		return reference;
	}

	private void closedYearsAgo(String reference, int years) {
		this.jdbc.sql("update app.case_file set closed_at = now() - make_interval(years => ?) where reference = ?")
			.params(years, reference)
			.update();
	}

	private Object personOf(String reference) {
		return this.jdbc.sql("select person_id from app.case_file where reference = ?")
			.param(reference)
			.query()
			.singleValue();
	}

	/**
	 * Every ciphertext of the case's personal data, as PostgreSQL writes bytea in text.
	 */
	private List<String> sealedDataOf(String reference) {
		List<byte[]> sealed = new ArrayList<>();
		sealed.addAll(this.jdbc.sql("""
				select unnest(array[given_name_sealed, family_name_sealed, sex_sealed, birth_year_sealed,
				                    nationality_sealed]) from app.person
				 where id = (select person_id from app.case_file where reference = ?)""")
			.param(reference)
			.query(byte[].class)
			.list());
		for (String query : List.of("select text_sealed from app.case_note where case_reference = ?",
				"select description_sealed from app.assistance_item where case_reference = ?",
				"select sealed from app.case_event where case_reference = ? and sealed is not null")) {
			sealed.addAll(this.jdbc.sql(query).param(reference).query(byte[].class).list());
		}
		return sealed.stream().map(bytes -> HexFormat.of().formatHex(bytes)).toList();
	}

	private List<String> everyRowOfSchemaApp() {
		List<String> rows = new ArrayList<>();
		for (String table : this.jdbc.sql(
				"select table_name from information_schema.tables where table_schema = 'app' and table_type = 'BASE TABLE'")
			.query(String.class)
			.list()) {
			rows.addAll(this.jdbc.sql("select t::text from app." + table + " t").query(String.class).list());
		}
		return rows;
	}

	/**
	 * Rows of the engine's tables (history, runtime, byte arrays) that name the case or
	 * one of its process instances.
	 */
	private List<String> engineRowsAbout(String reference, List<String> processes) {
		List<String> found = new ArrayList<>();
		List<Map<String, Object>> columns = this.jdbc
			.sql("""
					select table_name, column_name from information_schema.columns
					 where table_schema = current_schema()
					   and (table_name like 'act\\_hi\\_%' or table_name like 'act\\_ru\\_%' or table_name = 'act_ge_bytearray')
					   and column_name in ('proc_inst_id_', 'root_proc_inst_id_', 'process_instance_id_',
					                       'super_process_instance_id_', 'business_key_')""")
			.query()
			.listOfRows();
		assertThat(columns).hasSizeGreaterThan(20);
		for (Map<String, Object> column : columns) {
			List<String> values = new ArrayList<>(processes);
			values.add(reference);
			found.addAll(this.jdbc
				.sql("select '" + column.get("table_name") + "' from " + column.get("table_name") + " where "
						+ column.get("column_name") + " = any(?)")
				.param(values.toArray(String[]::new))
				.query(String.class)
				.list());
		}
		return found;
	}

	/** The case's process instances in the engine's history, sub-processes included. */
	private List<String> processesOf(String reference) {
		String root = this.jdbc.sql("select process_instance_id from app.case_file where reference = ?")
			.param(reference)
			.query(String.class)
			.single();
		return this.jdbc.sql("select id_ from act_hi_procinst where root_proc_inst_id_ = ? or id_ = ?")
			.params(root, root)
			.query(String.class)
			.list();
	}

	private long statisticsOf(String office) {
		return this.jdbc.sql("select count(*) from app.case_statistic where office = ?")
			.param(office)
			.query(Long.class)
			.single();
	}

	private long counted(CaseStatus status) {
		return SignedIn.as("admin", "ADMIN", this.statistics::byTypeAndStatus)
			.stream()
			.filter(count -> count.type() == CaseType.VOT && count.status() == status)
			.mapToLong(CaseStatistics.Count::cases)
			.sum();
	}

}
