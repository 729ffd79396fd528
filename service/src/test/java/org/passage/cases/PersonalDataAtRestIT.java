package org.passage.cases;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.passage.encryption.KeyTool;
import org.passage.encryption.PersonalData;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.ResponseEntity;
import org.springframework.security.test.context.support.WithMockUser;
import org.springframework.test.context.TestPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Personal data at rest (issue 12): the person's fields, notes, what was delivered and
 * what step forms recorded are ciphertext in the tables, readable through the service,
 * bound to their rows, still readable after a key rotation, and sealed again under the
 * new key on request. The duplicate check finds a person by a blind index of name and
 * birth year. This class has keys of its own, since it rotates them (each run adds a key
 * and retires the one before).
 */
@TestPropertySource(properties = { "passage.encryption.key-directory=" + PersonalDataAtRestIT.KEYS,
		"passage.encryption.generate-missing=true" })
@WithMockUser(username = "officer", roles = "CASE_OFFICER")
class PersonalDataAtRestIT extends CaseworkTesting {

	static final String KEYS = "target/rotation-test-keys";

	/** What the person and the staff wrote, none of which may be stored as written. */
	static final List<String> WRITTEN = List.of("Amina", "Screening interview held", "Placed in the shelter",
			"Called the shelter", "Medical and psychosocial care");

	@Autowired
	PersonalData sealed;

	@Autowired
	CaseService cases;

	@Test
	void personalFieldsAreCiphertextInTheTablesAndReadableThroughTheService() {
		String reference = deliveredCase("ENA");

		List<String> stored = this.jdbc.sql("""
				select t::text from app.person t where id = (select person_id from app.case_file where reference = :r)
				union all select t::text from app.case_note t where case_reference = :r
				union all select t::text from app.assistance_item t where case_reference = :r
				union all select t::text from app.case_event t where case_reference = :r
				union all select t::text from app.case_file t where reference = :r""")
			.param("r", reference)
			.query(String.class)
			.list();
		assertThat(stored).hasSizeGreaterThan(10);
		for (String written : WRITTEN) {
			assertThat(stored).as(written).noneMatch(row -> row.contains(written));
		}
		Map<String, Object> person = this.jdbc
			.sql("select * from app.person where id = (select person_id from app.case_file where reference = ?)")
			.param(reference)
			.query()
			.singleRow();
		assertThat(person.keySet()).as("no plaintext column is left")
			.doesNotContain("given_name", "family_name", "sex", "birth_year", "nationality");
		for (String column : List.of("given_name_sealed", "family_name_sealed", "sex_sealed", "birth_year_sealed",
				"nationality_sealed")) {
			assertThat((byte[]) person.get(column)).as(column).isNotNull().startsWith(this.sealed.primaryPrefix());
		}

		JsonNode file = caseFile("officer", reference);
		assertThat(file.get("person").get("givenName").asText()).isEqualTo("Amina");
		assertThat(file.get("person").get("familyName").asText()).isEqualTo("K.");
		assertThat(file.get("person").get("sex").asText()).isEqualTo("FEMALE");
		assertThat(file.get("person").get("birthYear").asInt()).isEqualTo(1998);
		assertThat(file.get("person").get("nationality").asText()).isEqualTo("NGA");
		assertThat(file.get("notes")).extracting(note -> note.get("text").asText()).contains("Called the shelter");
		assertThat(file.get("assistance").get(0).get("description").asText())
			.isEqualTo("Medical and psychosocial care");
		assertThat(file.get("timeline"))
			.anySatisfy(entry -> assertThat(entry.path("detail").path("values").path("summary").asText())
				.isEqualTo("Screening interview held with an interpreter"));
	}

	@Test
	void aCiphertextCopiedToAnotherRowDoesNotOpen() {
		staffWorkFor("ENB");
		String amina = openCase("VOT", "ENB");
		String other = openCase("VOT", "ENB");
		byte[] ownName = this.jdbc.sql(
				"select given_name_sealed from app.person where id = (select person_id from app.case_file where reference = ?)")
			.param(other)
			.query(byte[].class)
			.single();
		this.jdbc.sql("""
				update app.person set given_name_sealed = (select given_name_sealed from app.person
				    where id = (select person_id from app.case_file where reference = :from))
				 where id = (select person_id from app.case_file where reference = :to)""")
			.param("from", amina)
			.param("to", other)
			.update();
		try {
			ResponseEntity<String> read = get("officer", "/api/v1/cases/" + other);
			assertThat(read.getStatusCode().is5xxServerError()).as(read.getBody()).isTrue();
			assertThat(read.getBody()).doesNotContain("Amina");
		}
		finally {
			this.jdbc.sql("""
					update app.person set given_name_sealed = ?
					 where id = (select person_id from app.case_file where reference = ?)""")
				.params(ownName, other)
				.update();
		}
		assertThat(caseFile("officer", other).get("person").get("givenName").asText()).isEqualTo("Amina");
	}

	@Test
	void theDuplicateWarningFindsThePersonByNameAndBirthYearWhateverTheirCaseAccentsAndSpaces() {
		staffWorkFor("ENC");
		String reference = openCase("VOT", "ENC");
		Staff officer = new Staff("officer", Set.of("CASE_OFFICER"), List.of("ENC"));

		assertThat(this.cases.openCasesOfSameName("ENC", new Person("  AMÍNA ", "k.", Person.Sex.FEMALE, 1998, null),
				officer))
			.containsExactly(reference);
		assertThat(this.cases.openCasesOfSameName("ENC", new Person("Amina", "K.", Person.Sex.FEMALE, 1997, null),
				officer))
			.as("another birth year")
			.isEmpty();
		assertThat(this.cases.openCasesOfSameName("ENC", new Person("Amira", "K.", Person.Sex.FEMALE, 1998, null),
				officer))
			.as("another name")
			.isEmpty();
		assertThat(this.jdbc.sql("select name_index from app.person where id = ?")
			.param(this.jdbc.sql("select person_id from app.case_file where reference = ?")
				.param(reference)
				.query()
				.singleValue())
			.query(String.class)
			.single()).doesNotContainIgnoringCase("amina").matches("[0-9a-f]{8}-[0-9a-f]{32}");
		assertThat(this.jdbc.sql("""
				select count(*) from app.audit_event
				 where action = 'PERSON_SEARCHED' and case_reference = ? and actor = 'officer'""")
			.param(reference)
			.query(Long.class)
			.single()).as("each case the check found is a recorded look at its person").isEqualTo(1);
	}

	@Test
	void afterAKeyRotationEverythingStillReadsAndResealingMovesItAllToTheNewKey() throws Exception {
		String reference = deliveredCase("END");
		Staff officer = new Staff("officer", Set.of("CASE_OFFICER"), List.of("END"));
		String before = get("officer", "/api/v1/cases/" + reference).getBody();
		byte[] oldPrefix = this.sealed.primaryPrefix();

		assertThat(keys("rotate")).contains("(primary)");
		this.sealed.reloadKeys();
		assertThat(this.sealed.primaryPrefix()).isNotEqualTo(oldPrefix);

		assertThat(without(get("officer", "/api/v1/cases/" + reference).getBody()))
			.as("sealed under the old key, read under the new keyset")
			.isEqualTo(without(before));
		assertThat(this.cases.openCasesOfSameName("END", new Person("Amina", "K.", Person.Sex.FEMALE, 1998, null),
				officer))
			.as("indexed under the old key, found under the new keyset")
			.containsExactly(reference);

		ResponseEntity<String> resealed = post("admin", "/api/v1/operations/personal-data:reseal", "");
		assertThat(resealed.getStatusCode().value()).as(resealed.getBody()).isEqualTo(200);
		assertThat(read(resealed.getBody()).get("people").asLong()).isPositive();
		assertThat(read(post("admin", "/api/v1/operations/personal-data:reseal", "").getBody()).get("people").asLong())
			.as("a second run finds nothing left")
			.isZero();
		assertThat(this.jdbc.sql("""
				select count(*) from app.person
				 where erased_at is null and (substring(given_name_sealed from 1 for 5) <> :p
				       or substring(nationality_sealed from 1 for 5) <> :p or name_index not like :i)""")
			.param("p", this.sealed.primaryPrefix())
			.param("i", this.sealed.nameIndexPrefix() + "%")
			.query(Long.class)
			.single()).isZero();
		for (String sealedColumn : List.of("app.case_note.text_sealed", "app.assistance_item.description_sealed",
				"app.case_event.sealed")) {
			String table = sealedColumn.substring(0, sealedColumn.lastIndexOf('.'));
			String column = sealedColumn.substring(sealedColumn.lastIndexOf('.') + 1);
			assertThat(this.jdbc
				.sql("select count(*) from " + table + " where " + column + " is not null and substring(" + column
						+ " from 1 for 5) <> ?")
				.param(this.sealed.primaryPrefix())
				.query(Long.class)
				.single()).as(sealedColumn).isZero();
		}
		assertThat(this.jdbc.sql("select count(*) from app.audit_event where action = ? and actor = 'admin'")
			.param(CaseService.RESEALED)
			.query(Long.class)
			.single()).isEqualTo(2);

		assertThat(keys("retire")).contains("personal-data.json: retired", "blind-index.json: retired");
		this.sealed.reloadKeys();
		assertThat(without(get("officer", "/api/v1/cases/" + reference).getBody()))
			.as("with the old keys gone, everything reads: all of it was sealed again")
			.isEqualTo(without(before));
		assertThat(this.cases.openCasesOfSameName("END", new Person("Amina", "K.", Person.Sex.FEMALE, 1998, null),
				officer))
			.as("and the blind index was made again under the new key")
			.containsExactly(reference);
	}

	/**
	 * A VoT case through screening, needs, consent, risk, plan, GAF decision, approval
	 * and delivery, with a note: every kind of sealed data.
	 */
	private String deliveredCase(String office) {
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
				{"approved": true}""");
		runDueSteps(reference);
		completes("officer", reference, "Activity_DeliverAssistance", """
				{"deliveredAmount": 750.00, "summary": "Medical and psychosocial care"}""");
		runDueSteps(reference);
		assertThat(post("officer", "/api/v1/cases/" + reference + "/notes", """
				{"text": "Called the shelter"}""").getStatusCode().value()).isEqualTo(204);
		return reference;
	}

	/** The case file without its open tasks, whose ids the engine may renew. */
	private JsonNode without(String body) {
		com.fasterxml.jackson.databind.node.ObjectNode file = (com.fasterxml.jackson.databind.node.ObjectNode) read(
				body);
		file.remove("openTasks");
		return file;
	}

	private static String keys(String... command) {
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		ByteArrayOutputStream err = new ByteArrayOutputStream();
		List<String> args = new java.util.ArrayList<>(List.of(command[0], KEYS));
		args.addAll(List.of(command).subList(1, command.length));
		int status = KeyTool.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
				new PrintStream(err, true, StandardCharsets.UTF_8));
		assertThat(status).as(err.toString(StandardCharsets.UTF_8)).isZero();
		assertThat(Files.exists(Path.of(KEYS, "personal-data.json"))).isTrue();
		return out.toString(StandardCharsets.UTF_8);
	}

}
