package org.passage.impact.internal;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.passage.impact.Impact;
import org.passage.impact.Simulation;
import org.passage.web.StoredJson;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Impact simulations in {@code app.ruleset_simulation}: their progress and results. */
@Repository
public class SimulationStore {

	private final JdbcClient jdbc;

	private final StoredJson json;

	SimulationStore(JdbcClient jdbc, StoredJson json) {
		this.jdbc = jdbc;
		this.json = json;
	}

	public long start(long rulesetId, String by, Instant from, Instant to, String office, long total, Instant now) {
		return this.jdbc.sql("""
				insert into app.ruleset_simulation (ruleset_id, requested_by, period_from, period_to, office, status,
				                                    total, started_at, heartbeat_at)
				values (?, ?, ?, ?, ?, 'RUNNING', ?, ?, ?) returning id""")
			.params(rulesetId, by, Timestamp.from(from), Timestamp.from(to), office, total, Timestamp.from(now),
					Timestamp.from(now))
			.query(Long.class)
			.single();
	}

	/**
	 * Records progress; returns who asked to cancel the run, if anyone did (empty when it
	 * should carry on).
	 */
	public Optional<String> progress(long id, long processed, Instant now) {
		return this.jdbc.sql("""
				update app.ruleset_simulation set processed = ?, heartbeat_at = ?
				where id = ? and status = 'RUNNING' returning coalesce(cancel_requested_by, '')""")
			.params(processed, Timestamp.from(now), id)
			.query(String.class)
			.optional()
			.filter(by -> !by.isEmpty());
	}

	/** Asks a running simulation to stop; false when it is not running. */
	public boolean cancel(long id, String by) {
		return this.jdbc.sql("""
				update app.ruleset_simulation set cancel_requested_by = coalesce(cancel_requested_by, ?)
				where id = ? and status = 'RUNNING'""").params(by, id).update() == 1;
	}

	public void finish(long id, Simulation.Status status, long processed, Impact result, String error, Instant now) {
		this.jdbc.sql("""
				update app.ruleset_simulation set status = ?, processed = ?, result = cast(? as jsonb), error = ?,
				       finished_at = ?, heartbeat_at = ?
				where id = ? and status = 'RUNNING'""")
			.params(status.name(), processed, result == null ? null : this.json.write(result), error,
					Timestamp.from(now), Timestamp.from(now), id)
			.update();
	}

	public Optional<Simulation> find(long id) {
		return this.jdbc.sql(SIMULATION + " where id = ?").param(id).query(this::simulation).optional();
	}

	/** A version's simulations, newest first. */
	public List<Simulation> of(long rulesetId) {
		return this.jdbc.sql(SIMULATION + " where ruleset_id = ? order by id desc")
			.param(rulesetId)
			.query(this::simulation)
			.list();
	}

	private static final String SIMULATION = """
			select id, ruleset_id, requested_by, period_from, period_to, office, status, total, processed,
			       cancel_requested_by, started_at, heartbeat_at, finished_at, error, result::text
			from app.ruleset_simulation""";

	private Simulation simulation(ResultSet rs, int row) throws SQLException {
		String result = rs.getString(15);
		return new Simulation(rs.getLong(1), rs.getLong(2), rs.getString(3), instant(rs, 4), instant(rs, 5),
				rs.getString(6), Simulation.Status.valueOf(rs.getString(7)), rs.getLong(8), rs.getLong(9),
				rs.getString(10), instant(rs, 11), instant(rs, 12), instant(rs, 13), rs.getString(14),
				result == null ? null : this.json.read(result, Impact.class));
	}

	private static Instant instant(ResultSet rs, int column) throws SQLException {
		Timestamp at = rs.getTimestamp(column);
		return at == null ? null : at.toInstant();
	}

}
