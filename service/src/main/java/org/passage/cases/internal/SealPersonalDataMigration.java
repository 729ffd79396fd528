package org.passage.cases.internal;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.fasterxml.jackson.core.type.TypeReference;
import org.flywaydb.core.api.MigrationVersion;
import org.flywaydb.core.api.migration.Context;
import org.flywaydb.core.api.migration.JavaMigration;
import org.passage.encryption.PersonalData;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;
import org.springframework.stereotype.Component;

/**
 * Migration V15: seals the personal data that was stored in the clear before V14 (people,
 * notes, what was delivered, what step forms recorded) and drops the plaintext columns.
 * Java, because the keys are not in the database; Flyway runs it with the SQL migrations,
 * in one transaction, so a database is either all sealed or untouched.
 */
@Component
class SealPersonalDataMigration implements JavaMigration {

	private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() {
	};

	private static final List<String> APPEND_ONLY = List.of("case_note", "assistance_item", "case_event");

	private final PersonalData sealed;

	private final ObjectMapper json;

	SealPersonalDataMigration(PersonalData sealed, ObjectMapper json) {
		this.sealed = sealed;
		this.json = json;
	}

	@Override
	public MigrationVersion getVersion() {
		return MigrationVersion.fromVersion("15");
	}

	@Override
	public String getDescription() {
		return "seal personal data";
	}

	@Override
	public Integer getChecksum() {
		return 15;
	}

	@Override
	public boolean canExecuteInTransaction() {
		return true;
	}

	@Override
	public void migrate(Context context) throws Exception {
		JdbcClient jdbc = JdbcClient.create(new SingleConnectionDataSource(context.getConnection(), true));
		// Rows written before sealing are rewritten once, here, by the schema's owner.
		APPEND_ONLY.forEach(
				table -> jdbc.sql("alter table app." + table + " disable trigger " + table + "_append_only").update());
		people(jdbc);
		texts(jdbc, "case_note", "text", "text_sealed", Cases.NOTE);
		texts(jdbc, "assistance_item", "description", "description_sealed", Cases.DELIVERY);
		formAnswers(jdbc);
		APPEND_ONLY.forEach(
				table -> jdbc.sql("alter table app." + table + " enable trigger " + table + "_append_only").update());
		jdbc.sql("""
				alter table app.person drop column given_name, drop column family_name, drop column sex,
				                       drop column birth_year, drop column nationality""").update();
		jdbc.sql("alter table app.case_note drop column text").update();
		jdbc.sql("alter table app.assistance_item drop column description").update();
	}

	private void people(JdbcClient jdbc) {
		jdbc.sql("select id, given_name, family_name, sex, birth_year, nationality from app.person")
			.query()
			.listOfRows()
			.forEach(person -> {
				UUID id = (UUID) person.get("id");
				String given = (String) person.get("given_name");
				String family = (String) person.get("family_name");
				Integer birthYear = (Integer) person.get("birth_year");
				jdbc.sql("""
						update app.person set given_name_sealed = ?, family_name_sealed = ?, sex_sealed = ?,
						       birth_year_sealed = ?, nationality_sealed = ?, name_index = ? where id = ?""")
					.params(this.sealed.seal(given, Cases.GIVEN_NAME, id),
							this.sealed.seal(family, Cases.FAMILY_NAME, id),
							this.sealed.seal((String) person.get("sex"), Cases.SEX, id),
							this.sealed.seal(birthYear == null ? null : birthYear.toString(), Cases.BIRTH_YEAR, id),
							this.sealed.seal((String) person.get("nationality"), Cases.NATIONALITY, id),
							this.sealed.nameIndex(given, family, birthYear), id)
					.update();
			});
	}

	private void texts(JdbcClient jdbc, String table, String plain, String sealedColumn, PersonalData.Column column) {
		jdbc.sql("select id, " + plain + " from app." + table + " where " + plain + " is not null")
			.query()
			.listOfRows()
			.forEach(row -> {
				long id = ((Number) row.get("id")).longValue();
				jdbc.sql("update app." + table + " set " + sealedColumn + " = ? where id = ?")
					.params(this.sealed.seal((String) row.get(plain), column, id), id)
					.update();
			});
	}

	/** A completed step's answers leave the timeline's detail for its sealed part. */
	private void formAnswers(JdbcClient jdbc) throws Exception {
		for (Map<String, Object> row : jdbc
			.sql("select id, detail::text as detail from app.case_event where detail -> 'values' is not null")
			.query()
			.listOfRows()) {
			long id = ((Number) row.get("id")).longValue();
			Map<String, Object> detail = new LinkedHashMap<>(this.json.readValue((String) row.get("detail"), MAP));
			Map<String, Object> personal = new LinkedHashMap<>();
			personal.put("values", detail.remove("values"));
			jdbc.sql("update app.case_event set detail = ?::jsonb, sealed = ? where id = ?")
				.params(this.json.writeValueAsString(detail),
						this.sealed.seal(this.json.writeValueAsString(personal), Cases.EVENT, id), id)
				.update();
		}
	}

}
