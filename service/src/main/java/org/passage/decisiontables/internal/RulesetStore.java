package org.passage.decisiontables.internal;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.passage.decisiontables.Rollback;
import org.passage.decisiontables.Version;
import org.passage.decisiontables.Version.Event;
import org.passage.decisiontables.VersionStatus;
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
		// The shipped tables are live from the moment they are stored.
		return insert(programme, label, hash, origin, by, "Reference policy v1, shipped with Passage", "ACTIVE", files)
			.orElseGet(() -> idOf(programme, hash));
	}

	/**
	 * Stores an uploaded version as a DRAFT, labelled {@code label} followed by its id;
	 * empty when one with the same files is stored already.
	 */
	@Transactional
	public Optional<Long> saveDraft(Programme programme, String label, String hash, String by, String changeNote,
			List<TableFile> files) {
		Optional<Long> id = insert(programme, label, hash, "UPLOADED", by, changeNote, "DRAFT", files);
		id.ifPresent(draft -> {
			this.jdbc.sql("update app.ruleset set label = label || id where id = ?").param(draft).update();
			event(draft, "UPLOADED", by, changeNote);
		});
		return id;
	}

	private Optional<Long> insert(Programme programme, String label, String hash, String origin, String by,
			String changeNote, String status, List<TableFile> files) {
		Optional<Long> inserted = this.jdbc.sql("""
				insert into app.ruleset (programme, label, content_hash, origin, created_by, change_note, status)
				values (:programme, :label, :hash, :origin, :by, :note, :status)
				on conflict (programme, content_hash) do nothing
				returning id""")
			.param("programme", programme.name())
			.param("label", label)
			.param("hash", hash)
			.param("origin", origin)
			.param("by", by)
			.param("note", changeNote)
			.param("status", status)
			.query(Long.class)
			.optional();
		if (inserted.isEmpty()) {
			return inserted;
		}
		for (int i = 0; i < files.size(); i++) {
			this.jdbc.sql("insert into app.ruleset_file (ruleset_id, position, name, content) values (?, ?, ?, ?)")
				.params(inserted.get(), i, files.get(i).name(), files.get(i).content())
				.update();
		}
		return inserted;
	}

	public void activate(long rulesetId, Programme programme, String by) {
		this.jdbc.sql("insert into app.ruleset_activation (ruleset_id, programme, activated_by) values (?, ?, ?)")
			.params(rulesetId, programme.name(), by)
			.update();
		this.jdbc.sql("update app.ruleset set effective_from = coalesce(effective_from, now()) where id = ?")
			.param(rulesetId)
			.update();
		event(rulesetId, "ACTIVATED", by, null);
	}

	/**
	 * Activates an approved version at {@code now}, retiring the one it replaces, unless
	 * another node did so first; returns whether this call did it.
	 */
	@Transactional
	public boolean activateApproved(long rulesetId, Programme programme, String by, Instant now) {
		if (!move(rulesetId, "APPROVED", "ACTIVE")) {
			return false;
		}
		List<Long> replaced = this.jdbc
			.sql("update app.ruleset set status = 'RETIRED' where programme = ? and status = 'ACTIVE' and id <> ? "
					+ "returning id")
			.params(programme.name(), rulesetId)
			.query(Long.class)
			.list();
		replaced.forEach(old -> event(old, "RETIRED", by, "replaced by version " + rulesetId));
		this.jdbc
			.sql("insert into app.ruleset_activation (ruleset_id, programme, activated_by, activated_at) "
					+ "values (?, ?, ?, ?)")
			.params(rulesetId, programme.name(), by, Timestamp.from(now))
			.update();
		event(rulesetId, "ACTIVATED", by, null);
		return true;
	}

	/**
	 * Moves a version from one status to the next; false when it was not in {@code from}.
	 */
	public boolean move(long id, String from, String to) {
		return this.jdbc.sql("update app.ruleset set status = ? where id = ? and status = ?")
			.params(to, id, from)
			.update() == 1;
	}

	/** Records an approval; false when the version was no longer in review. */
	public boolean approve(long id, String by, Instant at, Instant effectiveFrom) {
		return this.jdbc
			.sql("update app.ruleset set status = 'APPROVED', approved_by = ?, approved_at = ?, effective_from = ? "
					+ "where id = ? and status = 'IN_REVIEW'")
			.params(by, Timestamp.from(at), Timestamp.from(effectiveFrom), id)
			.update() == 1;
	}

	/** Approved versions whose instant has come, oldest first. */
	public List<Version> due(Instant now) {
		return this.jdbc.sql(VERSION + " where status = 'APPROVED' and effective_from <= ? order by effective_from, id")
			.param(Timestamp.from(now))
			.query(RulesetStore::version)
			.list();
	}

	/**
	 * The versions on their way to being in effect: in review, or approved and not yet
	 * due.
	 */
	public List<Long> awaitingActivation() {
		return this.jdbc.sql("select id from app.ruleset where status in ('IN_REVIEW', 'APPROVED') order by id")
			.query(Long.class)
			.list();
	}

	public void event(long rulesetId, String action, String actor, String comment) {
		this.jdbc.sql("insert into app.ruleset_event (ruleset_id, action, actor, comment) values (?, ?, ?, ?)")
			.params(rulesetId, action, actor, comment)
			.update();
	}

	public List<Event> history(long rulesetId) {
		return this.jdbc
			.sql("select action, actor, at, comment from app.ruleset_event where ruleset_id = ? order by id")
			.param(rulesetId)
			.query((rs, n) -> new Event(rs.getString(1), rs.getString(2), rs.getTimestamp(3).toInstant(),
					rs.getString(4)))
			.list();
	}

	public Optional<Version> version(long id) {
		return this.jdbc.sql(VERSION + " where id = ?").param(id).query(RulesetStore::version).optional();
	}

	/** A programme's versions, newest first. */
	public List<Version> versions(Programme programme) {
		return this.jdbc.sql(VERSION + " where programme = ? order by id desc")
			.param(programme.name())
			.query(RulesetStore::version)
			.list();
	}

	private static final String VERSION = """
			select id, programme, label, content_hash, origin, status, created_by, created_at, change_note,
			       effective_from, approved_by, approved_at from app.ruleset""";

	private static Version version(java.sql.ResultSet rs, int row) throws java.sql.SQLException {
		return new Version(rs.getLong(1), Programme.valueOf(rs.getString(2)), rs.getString(3), rs.getString(4),
				rs.getString(5), VersionStatus.valueOf(rs.getString(6)), rs.getString(7), instant(rs.getTimestamp(8)),
				rs.getString(9), instant(rs.getTimestamp(10)), rs.getString(11), instant(rs.getTimestamp(12)));
	}

	private static Instant instant(Timestamp timestamp) {
		return timestamp == null ? null : timestamp.toInstant();
	}

	/** The version live now for {@code programme}: the latest activation. */
	public Optional<StoredRuleset> active(Programme programme) {
		return this.jdbc.sql("""
				select r.id, r.programme, r.label, r.content_hash, r.status
				from app.ruleset_activation a join app.ruleset r on r.id = a.ruleset_id
				where a.programme = ? order by a.activated_at desc, a.id desc limit 1""")
			.param(programme.name())
			.query(RulesetStore::storedRuleset)
			.optional();
	}

	/**
	 * The version that was in effect for {@code programme} before {@code current} last
	 * took effect: the latest activation of another version before it.
	 */
	public Optional<Long> previouslyActive(Programme programme, long current) {
		return this.jdbc.sql("""
				with ordered as (
				    select ruleset_id, row_number() over (order by activated_at desc, id desc) as n
				    from app.ruleset_activation where programme = :programme)
				select ruleset_id from ordered
				where ruleset_id <> :current
				  and n > coalesce((select min(n) from ordered where ruleset_id = :current), 0)
				order by n limit 1""")
			.param("programme", programme.name())
			.param("current", current)
			.query(Long.class)
			.optional();
	}

	/**
	 * Records a rollback request; empty when one waits already for the programme.
	 */
	public Optional<Long> requestRollback(Programme programme, long from, long to, String reason, String by,
			Instant at) {
		return this.jdbc.sql("""
				insert into app.ruleset_rollback (programme, from_ruleset_id, to_ruleset_id, reason, requested_by,
				                                  requested_at)
				values (?, ?, ?, ?, ?, ?)
				on conflict (programme) where outcome is null do nothing
				returning id""")
			.params(programme.name(), from, to, reason, by, Timestamp.from(at))
			.query(Long.class)
			.optional();
	}

	/** Decides a waiting rollback; false when it no longer waits. */
	public boolean decideRollback(long id, String outcome, String by, Instant at, String comment) {
		return this.jdbc.sql("""
				update app.ruleset_rollback set outcome = ?, decided_by = ?, decided_at = ?, comment = ?
				where id = ? and outcome is null""").params(outcome, by, Timestamp.from(at), comment, id).update() == 1;
	}

	public Optional<Rollback> rollback(long id) {
		return this.jdbc.sql(ROLLBACK + " where id = ?").param(id).query(RulesetStore::rollback).optional();
	}

	/** A programme's rollbacks, newest first. */
	public List<Rollback> rollbacks(Programme programme) {
		return this.jdbc.sql(ROLLBACK + " where programme = ? order by id desc")
			.param(programme.name())
			.query(RulesetStore::rollback)
			.list();
	}

	/**
	 * Puts {@code to} in effect again at {@code now} in place of {@code from}: a new
	 * activation; false when {@code from} is no longer the version in effect.
	 */
	public boolean reactivate(long to, long from, Programme programme, String by, Instant now) {
		if (!move(from, "ACTIVE", "RETIRED") || !move(to, "RETIRED", "ACTIVE")) {
			return false;
		}
		// In effect again from now; when it first took effect stays in its history.
		this.jdbc.sql("update app.ruleset set effective_from = ? where id = ?")
			.params(Timestamp.from(now), to)
			.update();
		this.jdbc
			.sql("insert into app.ruleset_activation (ruleset_id, programme, activated_by, activated_at) "
					+ "values (?, ?, ?, ?)")
			.params(to, programme.name(), by, Timestamp.from(now))
			.update();
		return true;
	}

	private static final String ROLLBACK = """
			select id, programme, from_ruleset_id, to_ruleset_id, reason, requested_by, requested_at, outcome,
			       decided_by, decided_at, comment from app.ruleset_rollback""";

	private static Rollback rollback(java.sql.ResultSet rs, int row) throws java.sql.SQLException {
		return new Rollback(rs.getLong(1), Programme.valueOf(rs.getString(2)), rs.getLong(3), rs.getLong(4),
				rs.getString(5), rs.getString(6), instant(rs.getTimestamp(7)), rs.getString(8), rs.getString(9),
				instant(rs.getTimestamp(10)), rs.getString(11));
	}

	/** Stores a version's scenarios, which replace any it had (the earlier stay). */
	public void addScenarios(long rulesetId, byte[] csv, String by) {
		this.jdbc.sql("insert into app.ruleset_scenarios (ruleset_id, content, added_by) values (?, ?, ?)")
			.params(rulesetId, csv, by)
			.update();
	}

	/** A version's own latest scenarios. */
	public Optional<byte[]> ownScenarios(long rulesetId) {
		return this.jdbc.sql("select content from app.ruleset_scenarios where ruleset_id = ? order by id desc limit 1")
			.param(rulesetId)
			.query(byte[].class)
			.optional();
	}

	/**
	 * The newest scenarios any version of {@code programme} that has been in effect
	 * brought, with that version's id.
	 */
	public Optional<Map.Entry<Long, byte[]>> inheritedScenarios(Programme programme) {
		return this.jdbc.sql("""
				select s.ruleset_id, s.content from app.ruleset_scenarios s join app.ruleset r on r.id = s.ruleset_id
				where r.programme = ?
				  and exists (select 1 from app.ruleset_activation a where a.ruleset_id = s.ruleset_id)
				order by s.id desc limit 1""")
			.param(programme.name())
			.query((rs, n) -> Map.entry(rs.getLong(1), rs.getBytes(2)))
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
		return this.jdbc.sql("select id, programme, label, content_hash, status from app.ruleset where id = ?")
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
		return new StoredRuleset(rs.getLong(1), Programme.valueOf(rs.getString(2)), rs.getString(3), rs.getString(4),
				VersionStatus.valueOf(rs.getString(5)));
	}

}
