package org.passage.decisiontables.internal;

import java.util.List;
import java.util.Optional;

import org.passage.rules.decision.Programme;
import org.passage.rules.table.TableFile;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;

/** Ruleset versions and their activations in schema {@code app}: append-only. */
@Repository
public class RulesetStore {

	private final JdbcClient jdbc;

	RulesetStore(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/**
	 * Stores a version unless one with the same content is stored already; returns its
	 * id.
	 */
	@Transactional
	public long save(Programme programme, String label, String hash, String origin, String by, List<TableFile> files) {
		Optional<Long> inserted = this.jdbc.sql("""
				insert into app.ruleset (programme, label, content_hash, origin, created_by)
				values (:programme, :label, :hash, :origin, :by)
				on conflict (programme, content_hash) do nothing
				returning id""")
			.param("programme", programme.name())
			.param("label", label)
			.param("hash", hash)
			.param("origin", origin)
			.param("by", by)
			.query(Long.class)
			.optional();
		if (inserted.isEmpty()) {
			return idOf(programme, hash);
		}
		for (int i = 0; i < files.size(); i++) {
			this.jdbc.sql("insert into app.ruleset_file (ruleset_id, position, name, content) values (?, ?, ?, ?)")
				.params(inserted.get(), i, files.get(i).name(), files.get(i).content())
				.update();
		}
		return inserted.get();
	}

	public void activate(long rulesetId, Programme programme, String by) {
		this.jdbc.sql("insert into app.ruleset_activation (ruleset_id, programme, activated_by) values (?, ?, ?)")
			.params(rulesetId, programme.name(), by)
			.update();
	}

	/** The version live now for {@code programme}: the latest activation. */
	public Optional<StoredRuleset> active(Programme programme) {
		return this.jdbc.sql("""
				select r.id, r.programme, r.label, r.content_hash
				from app.ruleset_activation a join app.ruleset r on r.id = a.ruleset_id
				where a.programme = ? order by a.activated_at desc, a.id desc limit 1""")
			.param(programme.name())
			.query(RulesetStore::storedRuleset)
			.optional();
	}

	public List<TableFile> files(long rulesetId) {
		return this.jdbc.sql("select name, content from app.ruleset_file where ruleset_id = ? order by position")
			.param(rulesetId)
			.query((rs, n) -> new TableFile(rs.getString(1), rs.getBytes(2)))
			.list();
	}

	/** The version that was live for {@code programme} at {@code instant}, if any was. */
	public Optional<Long> activeAt(Programme programme, java.time.Instant instant) {
		return this.jdbc.sql("""
				select ruleset_id from app.ruleset_activation
				where programme = ? and activated_at <= ? order by activated_at desc, id desc limit 1""")
			.params(programme.name(), java.sql.Timestamp.from(instant))
			.query(Long.class)
			.optional();
	}

	public Optional<StoredRuleset> find(long id) {
		return this.jdbc.sql("select id, programme, label, content_hash from app.ruleset where id = ?")
			.param(id)
			.query(RulesetStore::storedRuleset)
			.optional();
	}

	public long idOf(Programme programme, String hash) {
		return this.jdbc.sql("select id from app.ruleset where programme = ? and content_hash = ?")
			.params(programme.name(), hash)
			.query(Long.class)
			.single();
	}

	private static StoredRuleset storedRuleset(java.sql.ResultSet rs, int row) throws java.sql.SQLException {
		return new StoredRuleset(rs.getLong(1), Programme.valueOf(rs.getString(2)), rs.getString(3), rs.getString(4));
	}

}
