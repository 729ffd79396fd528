package org.passage.decisions.internal;

import java.sql.Timestamp;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.passage.rules.decision.Programme;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Recorded decisions in {@code app.decision}: insert and read, nothing else (the table
 * refuses more).
 */
@Repository
public class Decisions {

	/**
	 * A recorded decision as stored: its input and output as JSON, and the ruleset that
	 * made it.
	 */
	public record Stored(UUID id, Programme programme, String caseId, String input, String output, long rulesetId,
			String caller, OffsetDateTime evaluatedAt) {
	}

	private final JdbcClient jdbc;

	Decisions(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	public void insert(Stored decision, String outcome) {
		this.jdbc
			.sql("""
					insert into app.decision (id, programme, case_id, input, output, outcome, ruleset_id, caller, evaluated_at)
					values (?, ?, ?, ?::jsonb, ?::jsonb, ?, ?, ?, ?)""")
			.params(decision.id(), decision.programme().name(), decision.caseId(), decision.input(), decision.output(),
					outcome, decision.rulesetId(), decision.caller(),
					Timestamp.from(decision.evaluatedAt().toInstant()))
			.update();
	}

	public Optional<Stored> find(UUID id) {
		return this.jdbc.sql("select " + COLUMNS + " from app.decision where id = ?")
			.param(id)
			.query(Decisions::row)
			.optional();
	}

	/** A page of decisions, newest first, filtered by whatever is given. */
	public List<Stored> list(String caseId, Programme programme, OffsetDateTime from, OffsetDateTime to, int page,
			int size) {
		return this.jdbc.sql("select " + COLUMNS + """
				 from app.decision
				where (cast(:caseId as text) is null or case_id = :caseId)
				  and (cast(:programme as text) is null or programme = :programme)
				  and (cast(:from as timestamptz) is null or evaluated_at >= :from)
				  and (cast(:to as timestamptz) is null or evaluated_at < :to)
				order by evaluated_at desc, id limit :size offset :offset""")
			.param("caseId", caseId)
			.param("programme", programme == null ? null : programme.name())
			.param("from", from == null ? null : Timestamp.from(from.toInstant()))
			.param("to", to == null ? null : Timestamp.from(to.toInstant()))
			.param("size", size)
			.param("offset", (long) page * size)
			.query(Decisions::row)
			.list();
	}

	private static final String COLUMNS = "id, programme, case_id, input::text, output::text, ruleset_id, caller, evaluated_at";

	private static Stored row(java.sql.ResultSet rs, int n) throws java.sql.SQLException {
		return new Stored(rs.getObject(1, UUID.class), Programme.valueOf(rs.getString(2)), rs.getString(3),
				rs.getString(4), rs.getString(5), rs.getLong(6), rs.getString(7),
				rs.getObject(8, OffsetDateTime.class));
	}

}
