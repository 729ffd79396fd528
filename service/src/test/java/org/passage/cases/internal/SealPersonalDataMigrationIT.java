package org.passage.cases.internal;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.passage.encryption.PersonalData;
import org.passage.testing.TestDatabase;
import org.postgresql.ds.PGSimpleDataSource;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Migrations V14 and V15 on a database that stored personal data in the clear: every
 * field is sealed for its own row, the plaintext columns are gone, and a step's answers
 * leave the timeline's detail for its sealed part.
 */
class SealPersonalDataMigrationIT {

	@Test
	void sealsWhatWasStoredInTheClearAndDropsThePlaintext() throws Exception {
		TestDatabase.Database database = TestDatabase.fresh();
		PGSimpleDataSource dataSource = new PGSimpleDataSource();
		dataSource.setURL(database.url());
		dataSource.setUser(database.user());
		dataSource.setPassword(database.password());
		JdbcClient jdbc = JdbcClient.create(dataSource);
		Path keys = Files.createTempDirectory("passage-keys");
		PersonalData sealed = new PersonalData(keys.toString(), "", "", true);
		ObjectMapper json = new ObjectMapper();

		flyway(dataSource, sealed, json).target("13").load().migrate();
		UUID person = UUID.randomUUID();
		jdbc.sql("""
				insert into app.person (id, given_name, family_name, sex, birth_year, nationality)
				values (?, 'Amina', 'K.', 'FEMALE', 1998, 'NGA')""").param(person).update();
		jdbc.sql("""
				insert into app.case_file (reference, type, office, status, person_id, opened_by)
				values ('VOT-2026-000001', 'VOT', 'TUN', 'OPEN', ?, 'officer')""").param(person).update();
		long note = jdbc.sql("""
				insert into app.case_note (case_reference, author, text)
				values ('VOT-2026-000001', 'officer', 'Called the shelter') returning id""").query(Long.class).single();
		long item = jdbc.sql("""
				insert into app.assistance_item (case_reference, step, amount, description, delivered_by)
				values ('VOT-2026-000001', 'Activity_DeliverAssistance', 750.00, 'Medical care', 'officer')
				returning id""").query(Long.class).single();
		long event = jdbc.sql("""
				insert into app.case_event (case_reference, actor, kind, step, detail)
				values ('VOT-2026-000001', 'officer', 'COMPLETED', 'Activity_ScreenCase',
				        '{"form": "screening", "values": {"summary": "Interview with an interpreter"}}')
				returning id""").query(Long.class).single();

		flyway(dataSource, sealed, json).load().migrate();

		Map<String, Object> row = jdbc.sql("select * from app.person where id = ?").param(person).query().singleRow();
		assertThat(row.keySet()).doesNotContain("given_name", "family_name", "sex", "birth_year", "nationality");
		assertThat(sealed.open((byte[]) row.get("given_name_sealed"), Cases.GIVEN_NAME, person)).isEqualTo("Amina");
		assertThat(sealed.open((byte[]) row.get("family_name_sealed"), Cases.FAMILY_NAME, person)).isEqualTo("K.");
		assertThat(sealed.open((byte[]) row.get("sex_sealed"), Cases.SEX, person)).isEqualTo("FEMALE");
		assertThat(sealed.open((byte[]) row.get("birth_year_sealed"), Cases.BIRTH_YEAR, person)).isEqualTo("1998");
		assertThat(sealed.open((byte[]) row.get("nationality_sealed"), Cases.NATIONALITY, person)).isEqualTo("NGA");
		assertThat(row.get("name_index")).isEqualTo(sealed.nameIndex("amina", "k.", 1998));

		assertThat(sealed.open(
				jdbc.sql("select text_sealed from app.case_note where id = ?").param(note).query(byte[].class).single(),
				Cases.NOTE, note))
			.isEqualTo("Called the shelter");
		assertThat(sealed.open(jdbc.sql("select description_sealed from app.assistance_item where id = ?")
			.param(item)
			.query(byte[].class)
			.single(), Cases.DELIVERY, item)).isEqualTo("Medical care");
		Map<String, Object> timeline = jdbc
			.sql("select detail::text as detail, sealed from app.case_event where id = ?")
			.param(event)
			.query()
			.singleRow();
		assertThat(json.readTree((String) timeline.get("detail")))
			.isEqualTo(json.readTree("{\"form\": \"screening\"}"));
		JsonNode answers = json.readTree(sealed.open((byte[]) timeline.get("sealed"), Cases.EVENT, event));
		assertThat(answers.path("values").path("summary").asText()).isEqualTo("Interview with an interpreter");

		assertThat(jdbc.sql("select count(*) from app.case_note where text_sealed is null").query(Long.class).single())
			.isZero();
	}

	private static org.flywaydb.core.api.configuration.FluentConfiguration flyway(PGSimpleDataSource dataSource,
			PersonalData sealed, ObjectMapper json) {
		return Flyway.configure()
			.dataSource(dataSource)
			.schemas("app")
			.defaultSchema("app")
			.locations("classpath:db/migration")
			.javaMigrations(new SealPersonalDataMigration(sealed, json));
	}

}
