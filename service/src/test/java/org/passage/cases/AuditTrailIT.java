package org.passage.cases;

import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.passage.audit.AuditTrail;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.ResponseEntity;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The audit trail (issue 12): every read of a person's data and every change writes one
 * row, in the transaction of what it records, chained so that a changed row shows; and
 * the auditor's question "who looked at this person's file".
 */
class AuditTrailIT extends CaseworkTesting {

	@Autowired
	AuditTrail trail;

	@Test
	void readingACaseFileWritesExactlyOneAuditRowNamingTheReaderTheCaseThePersonAndTheClient() {
		staffWorkFor("AUA");
		String reference = openCase("VOT", "AUA");
		long last = lastId();

		caseFile("officer", reference);

		List<Map<String, Object>> written = this.jdbc.sql("select * from app.audit_event where id > ? order by id")
			.param(last)
			.query()
			.listOfRows();
		assertThat(written).hasSize(1);
		Map<String, Object> row = written.get(0);
		assertThat(row).containsEntry("actor", "officer")
			.containsEntry("action", "PERSON_READ")
			.containsEntry("case_reference", reference)
			.containsEntry("client_address", "127.0.0.1")
			.containsEntry("person_id", personOf(reference));
	}

	@Test
	void aReadWhoseAuditRowCannotBeWrittenFailsAndShowsNoPersonalData() {
		staffWorkFor("AUB");
		String reference = openCase("VOT", "AUB");
		long before = rows();
		this.jdbc.sql("""
				create function pg_temp_refuse_audit() returns trigger language plpgsql as $$
				begin raise exception 'audit store unavailable'; end $$""").update();
		this.jdbc.sql("""
				create trigger refuse_audit before insert on app.audit_event
				    for each row execute function pg_temp_refuse_audit()""").update();
		try {
			ResponseEntity<String> read = get("officer", "/api/v1/cases/" + reference);
			assertThat(read.getStatusCode().is5xxServerError()).as(read.getBody()).isTrue();
			assertThat(read.getBody()).doesNotContain("Amina");

			ResponseEntity<String> note = post("officer", "/api/v1/cases/" + reference + "/notes", """
					{"text": "Called the shelter"}""");
			assertThat(note.getStatusCode().is5xxServerError()).as("a change fails as a read does").isTrue();
		}
		finally {
			this.jdbc.sql("drop trigger refuse_audit on app.audit_event").update();
			this.jdbc.sql("drop function pg_temp_refuse_audit()").update();
		}
		assertThat(rows()).isEqualTo(before);
		assertThat(caseFile("officer", reference).get("notes")).as("the note was not saved").isEmpty();
	}

	@Test
	void everyChangeToACaseIsRecordedWithItsActorAndTheEnginesOwnWorkWithoutAClient() {
		staffWorkFor("AUC");
		fund("GAF", "AUC", "5000.00");
		String reference = openCase("VOT", "AUC");
		completes("officer", reference, "Activity_ScreenCase", VotCaseIT.SCREENING);
		assertThat(post("officer", "/api/v1/cases/" + reference + "/notes", """
				{"text": "Called the shelter"}""").getStatusCode().value()).isEqualTo(204);
		completes("officer", reference, "Activity_ProvideImmediateNeeds", VotCaseIT.NEEDS);
		completes("officer", reference, "Activity_RecordConsent", VotCaseIT.CONSENT);
		completes("officer", reference, "Activity_AssessRisk", VotCaseIT.RISK);
		completes("officer", reference, "Activity_PlanAssistance", VotCaseIT.PLAN);
		runDueSteps(reference);

		List<String> trailOfCase = this.jdbc.sql("""
				select actor || ' ' || action || ' ' || coalesce(detail, '-') || ' '
				       || case when client_address is null then 'engine' else 'client' end
				  from app.audit_event where case_reference = ? order by id""")
			.param(reference)
			.query(String.class)
			.list();
		assertThat(trailOfCase).contains("officer OPENED - client", "officer COMPLETED Activity_ScreenCase client",
				"officer NOTE - client", "officer COMPLETED Activity_PlanAssistance client",
				"process DECIDED Activity_DecideGaf engine");
		assertThat(this.jdbc.sql("select count(distinct person_id) from app.audit_event where case_reference = ?")
			.param(reference)
			.query(Long.class)
			.single()).as("every row names the person").isEqualTo(1);
	}

	@Test
	void aChangedAuditRowBreaksTheChainAtThatRowAndARemovedOneAtTheNext() {
		staffWorkFor("AUD");
		String reference = openCase("VOT", "AUD");
		caseFile("officer", reference);
		caseFile("supervisor", reference);
		assertThat(chain().get("intact").asBoolean()).isTrue();
		long read = this.jdbc.sql("""
				select max(id) from app.audit_event where case_reference = ? and action = 'PERSON_READ'
				   and actor = 'officer'""").param(reference).query(Long.class).single();

		tamper("update app.audit_event set actor = 'nobody' where id = " + read);
		try {
			JsonNode broken = chain();
			assertThat(broken.get("intact").asBoolean()).isFalse();
			assertThat(broken.get("firstBroken").asLong()).isEqualTo(read);
		}
		finally {
			tamper("update app.audit_event set actor = 'officer' where id = " + read);
		}
		assertThat(chain().get("intact").asBoolean()).as("restored, the chain holds again").isTrue();

		long next = this.jdbc.sql("select min(id) from app.audit_event where id > ?")
			.param(read)
			.query(Long.class)
			.single();
		Map<String, Object> removed = this.jdbc.sql("select * from app.audit_event where id = ?")
			.param(read)
			.query()
			.singleRow();
		tamper("delete from app.audit_event where id = " + read);
		try {
			assertThat(chain().get("firstBroken").asLong()).as("the row after a removed one").isEqualTo(next);
		}
		finally {
			this.jdbc.sql("""
					insert into app.audit_event
					    (id, at, actor, action, case_reference, person_id, client_address, reason, detail, hash)
					values (:id, :at, :actor, :action, :case_reference, :person_id, :client_address, :reason, :detail,
					        :hash)""").params(removed).update();
		}
		assertThat(chain().get("intact").asBoolean()).isTrue();

		org.assertj.core.api.Assertions.assertThatThrownBy(
				() -> this.jdbc.sql("update app.audit_event set actor = 'nobody' where id = ?").param(read).update())
			.as("without switching its trigger off, the table refuses the change")
			.rootCause()
			.hasMessageContaining("append-only");
	}

	@Test
	void anAuditorSeesWhoLookedAtThePersonsFileAndTheirQuestionIsRecordedButNeverTheFile() {
		staffWorkFor("AUE");
		String reference = openCase("VOT", "AUE");
		caseFile("supervisor", reference);

		ResponseEntity<String> answer = get("auditor", "/api/v1/audit/cases/" + reference);
		assertThat(answer.getStatusCode().value()).as(answer.getBody()).isEqualTo(200);
		JsonNode trail = read(answer.getBody());
		assertThat(trail).extracting(row -> row.get("actor").asText() + " " + row.get("action").asText())
			.startsWith("supervisor PERSON_READ")
			.contains("officer OPENED");
		assertThat(answer.getBody()).doesNotContain("Amina");

		JsonNode again = read(get("auditor", "/api/v1/audit/cases/" + reference).getBody());
		assertThat(again.get(0).get("actor").asText() + " " + again.get(0).get("action").asText())
			.isEqualTo("auditor AUDIT_TRAIL_READ");

		assertThat(get("auditor", "/api/v1/cases/" + reference).getStatusCode().value())
			.as("an auditor reads the trail, not the file")
			.isEqualTo(403);
		assertThat(get("officer", "/api/v1/audit/cases/" + reference).getStatusCode().value()).isEqualTo(403);
		assertThat(get("auditor", "/api/v1/audit/cases/VOT-1999-000001").getStatusCode().value()).isEqualTo(404);
	}

	@Test
	void recordingOutsideATransactionIsRefused() {
		org.assertj.core.api.Assertions
			.assertThatThrownBy(() -> this.trail.record(AuditTrail.Event.of("someone", "PERSON_READ", null, null)))
			.isInstanceOf(IllegalStateException.class);
	}

	private JsonNode chain() {
		ResponseEntity<String> check = get("auditor", "/api/v1/audit/chain");
		assertThat(check.getStatusCode().value()).as(check.getBody()).isEqualTo(200);
		return read(check.getBody());
	}

	/** What someone with the database owner's rights could do: switch the guard off. */
	private void tamper(String update) {
		this.jdbc.sql("alter table app.audit_event disable trigger audit_event_append_only").update();
		try {
			this.jdbc.sql(update).update();
		}
		finally {
			this.jdbc.sql("alter table app.audit_event enable trigger audit_event_append_only").update();
		}
	}

	private long lastId() {
		return this.jdbc.sql("select coalesce(max(id), 0) from app.audit_event").query(Long.class).single();
	}

	private long rows() {
		return this.jdbc.sql("select count(*) from app.audit_event").query(Long.class).single();
	}

	private Object personOf(String reference) {
		return this.jdbc.sql("select person_id from app.case_file where reference = ?")
			.param(reference)
			.query()
			.singleValue();
	}

}
