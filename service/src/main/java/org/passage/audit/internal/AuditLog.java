package org.passage.audit.internal;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import javax.sql.DataSource;

import org.passage.audit.AuditEntry;
import org.passage.audit.ChainCheck;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The table {@code app.audit_event}: appends under the chain's lock, the chain check, and
 * the rows about one person.
 */
@Repository
public class AuditLog {

	/**
	 * The advisory lock that serialises appends to the chain (any number no other lock of
	 * Passage's uses).
	 */
	static final long CHAIN_LOCK = 0x7061_7373_6175_6474L;

	private static final int CHECK_FETCH_SIZE = 1000;

	private final JdbcClient jdbc;

	private final JdbcTemplate streaming;

	AuditLog(JdbcClient jdbc, DataSource dataSource) {
		this.jdbc = jdbc;
		this.streaming = new JdbcTemplate(dataSource);
		this.streaming.setFetchSize(CHECK_FETCH_SIZE);
	}

	/**
	 * Appends rows to the chain, in the caller's transaction: the lock is held until it
	 * commits or rolls back, so no other transaction appends in between.
	 */
	public void append(List<AuditEntry> entries) {
		this.jdbc.sql("select 1 from (select pg_advisory_xact_lock(?)) locked").param(CHAIN_LOCK).query().listOfRows();
		byte[] previous = this.jdbc.sql("select hash from app.audit_event order by id desc limit 1")
			.query(byte[].class)
			.optional()
			.orElse(AuditChain.GENESIS);
		for (AuditEntry unnumbered : entries) {
			long id = this.jdbc.sql("select nextval('app.audit_event_id_seq')").query(Long.class).single();
			AuditEntry entry = new AuditEntry(id, unnumbered.at(), unnumbered.actor(), unnumbered.action(),
					unnumbered.caseReference(), unnumbered.personId(), unnumbered.clientAddress(), unnumbered.reason(),
					unnumbered.detail());
			byte[] hash = AuditChain.hash(previous, entry);
			this.jdbc.sql("""
					insert into app.audit_event
					    (id, at, actor, action, case_reference, person_id, client_address, reason, detail, hash)
					values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")
				.params(entry.id(), entry.at(), entry.actor(), entry.action(), entry.caseReference(), entry.personId(),
						entry.clientAddress(), entry.reason(), entry.detail(), hash)
				.update();
			previous = hash;
		}
	}

	/** Recomputes every row's hash in chain order; stops at the first that differs. */
	public ChainCheck check() {
		class Walk {

			byte[] previous = AuditChain.GENESIS;

			long rows;

			Long broken;

		}
		Walk walk = new Walk();
		this.streaming.query("select * from app.audit_event order by id", rs -> {
			if (walk.broken != null) {
				return;
			}
			byte[] stored = rs.getBytes("hash");
			byte[] expected = AuditChain.hash(walk.previous, entry(rs));
			walk.rows++;
			if (!Arrays.equals(stored, expected)) {
				walk.broken = rs.getLong("id");
			}
			walk.previous = stored;
		});
		return new ChainCheck(walk.broken == null, walk.rows, walk.broken, AuditChain.hex(walk.previous));
	}

	/** The person a case is about, as the trail recorded it. */
	public Optional<UUID> personOfCase(String reference) {
		return this.jdbc.sql("""
				select person_id from app.audit_event where case_reference = ? and person_id is not null
				 order by id limit 1""").param(reference).query(UUID.class).optional();
	}

	/** Every row about a person, newest first, at most {@code limit}. */
	public List<AuditEntry> aboutPerson(UUID person, int limit) {
		return this.jdbc.sql("select * from app.audit_event where person_id = ? order by id desc limit ?")
			.params(person, limit)
			.query((rs, row) -> entry(rs))
			.list();
	}

	private static AuditEntry entry(ResultSet rs) throws SQLException {
		return new AuditEntry(rs.getLong("id"), rs.getObject("at", OffsetDateTime.class), rs.getString("actor"),
				rs.getString("action"), rs.getString("case_reference"), rs.getObject("person_id", UUID.class),
				rs.getString("client_address"), rs.getString("reason"), rs.getString("detail"));
	}

}
