package org.passage.audit.internal;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.UUID;

import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.passage.testing.TestDatabase;
import org.postgresql.ds.PGSimpleDataSource;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Migration V13 on a database that already recorded reads: the old rows join the chain
 * first, and the chain they make is the one the service checks (SQL and Java write a
 * row's content the same way).
 */
class AuditTrailMigrationIT {

	@Test
	void readsRecordedBeforeTheTrailJoinItAsAnUnbrokenChain() {
		TestDatabase.Database database = TestDatabase.fresh();
		PGSimpleDataSource dataSource = new PGSimpleDataSource();
		dataSource.setURL(database.url());
		dataSource.setUser(database.user());
		dataSource.setPassword(database.password());
		JdbcClient jdbc = JdbcClient.create(dataSource);

		migrate(dataSource, "6");
		UUID person = UUID.randomUUID();
		OffsetDateTime at = OffsetDateTime.of(2026, 3, 1, 9, 30, 15, 123_456_789, ZoneOffset.ofHours(2));
		for (String reader : new String[] { "officer", "supervisor", "régional" }) {
			jdbc.sql("""
					insert into app.read_audit (reader, case_reference, person_id, purpose, read_at)
					values (?, 'VOT-2026-000001', ?, 'case file', ?)""").params(reader, person, at).update();
		}
		migrate(dataSource, "13");

		assertThat(jdbc.sql("select reader from app.read_audit order by id").query(String.class).list())
			.as("the old reads, as the view shows them")
			.containsExactly("officer", "supervisor", "régional");
		assertThat(new AuditLog(jdbc, dataSource).check())
			.satisfies(check -> assertThat(check.intact()).as("first broken: " + check.firstBroken()).isTrue())
			.satisfies(check -> assertThat(check.rows()).isEqualTo(3));
	}

	private static void migrate(PGSimpleDataSource dataSource, String target) {
		Flyway.configure()
			.dataSource(dataSource)
			.schemas("app")
			.defaultSchema("app")
			.locations("classpath:db/migration")
			.target(target)
			.load()
			.migrate();
	}

}
