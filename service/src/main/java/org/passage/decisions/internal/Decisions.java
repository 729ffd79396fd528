package org.passage.decisions.internal;

import java.sql.Timestamp;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.passage.rules.decision.Programme;
import org.springframework.jdbc.core.JdbcTemplate;
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

	/** A decision to insert, with its outcome (a column of its own, for queries). */
	public record New(Stored decision, String outcome) {
	}

	private final JdbcClient jdbc;

	private final JdbcTemplate template;

	Decisions(JdbcClient jdbc, JdbcTemplate template) {
		this.jdbc = jdbc;
		this.template = template;
	}

	/**
	 * Inserts decisions in one statement, however many: one round trip to the database
	 * for a whole group commit. A decision already stored under its id is left as it is,
	 * so inserting again after a commit of unknown outcome is harmless.
	 */
	public void insertAll(List<New> decisions) {
		if (decisions.isEmpty()) {
			return;
		}
		int n = decisions.size();
		String[][] columns = new String[9][n];
		for (int i = 0; i < n; i++) {
			Stored decision = decisions.get(i).decision();
			columns[0][i] = decision.id().toString();
			columns[1][i] = decision.programme().name();
			columns[2][i] = decision.caseId();
			columns[3][i] = decision.input();
			columns[4][i] = decision.output();
			columns[5][i] = decisions.get(i).outcome();
			columns[6][i] = Long.toString(decision.rulesetId());
			columns[7][i] = decision.caller();
			columns[8][i] = decision.evaluatedAt().toInstant().toString();
		}
		this.template.update(
				"""
						insert into app.decision (id, programme, case_id, input, output, outcome, ruleset_id, caller, evaluated_at)
						select id::uuid, programme, case_id, input::jsonb, output::jsonb, outcome, ruleset_id::bigint, caller,
						       evaluated_at::timestamptz
						  from unnest(?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[])
						       as d(id, programme, case_id, input, output, outcome, ruleset_id, caller, evaluated_at)
						on conflict (id) do nothing""",
				statement -> {
					for (int c = 0; c < columns.length; c++) {
						statement.setArray(c + 1, statement.getConnection().createArrayOf("text", columns[c]));
					}
				});
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

	/**
	 * A page of decisions, newest first, filtered by whatever is given (null: any caller,
	 * case, ...).
	 */
	public List<Stored> list(String caller, String caseId, Programme programme, OffsetDateTime from, OffsetDateTime to,
			int page, int size) {
		return this.jdbc.sql("select " + COLUMNS + """
				 from app.decision
				where (cast(:caller as text) is null or caller = :caller)
				  and (cast(:caseId as text) is null or case_id = :caseId)
				  and (cast(:programme as text) is null or programme = :programme)
				  and (cast(:from as timestamptz) is null or evaluated_at >= :from)
				  and (cast(:to as timestamptz) is null or evaluated_at < :to)
				order by evaluated_at desc, id limit :size offset :offset""")
			.param("caller", caller)
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
