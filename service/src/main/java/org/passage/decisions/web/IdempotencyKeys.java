package org.passage.decisions.web;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.PreparedStatementSetter;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Idempotency keys of recording calls, per draft-ietf-httpapi-idempotency-key-header: one
 * row per caller and key, written with the response in the work's own transaction. The
 * claim that keeps a concurrent retry out is a transaction-scoped advisory lock, so it
 * never outlives the work it guards: a crash or a rollback releases it with the
 * transaction, and the retry goes ahead at once. A key lives 24 hours.
 */
@Repository
class IdempotencyKeys {

	/** What a key says about a request. */
	sealed interface Claim permits Claimed, InFlight, Mismatch, Done {

	}

	/** The key is new: go ahead, then {@link #complete}. */
	record Claimed(String requestHash) implements Claim {
	}

	/** The first request with this key is still running. */
	record InFlight() implements Claim {
	}

	/** The key was used with another body. */
	record Mismatch() implements Claim {
	}

	/** The key's request is done: answer with its response again. */
	record Done(int status, String response, String location) implements Claim {
	}

	/**
	 * The advisory lock of a caller's key: the first 64 bits of SHA-256 over caller, NUL,
	 * key. Distinct keys sharing a lock would only make one of them wait for a retry.
	 */
	static final String LOCK_ID = lockId("?", "?");

	private static String lockId(String caller, String key) {
		return "('x' || left(encode(sha256(convert_to(" + caller + ", 'UTF8') || '\\x00'::bytea || convert_to(" + key
				+ ", 'UTF8')), 'hex'), 16))::bit(64)::bigint";
	}

	/** A caller's key and the hash of the request that came with it. */
	record Key(String caller, String key, String requestHash) {
	}

	/** A key's request, done: what {@link #completeAll} stores and a retry answers. */
	record Completed(Key key, int status, String response, String location) {
	}

	private final JdbcClient jdbc;

	private final JdbcTemplate template;

	IdempotencyKeys(JdbcClient jdbc, JdbcTemplate template) {
		this.jdbc = jdbc;
		this.template = template;
	}

	/**
	 * What the key says without claiming it: done or used with another body, if it was
	 * and has not expired; empty if a request must go ahead (and claim it).
	 */
	Optional<Claim> peek(Key key) {
		return this.jdbc.sql("""
				select request_hash, status, response, location from app.idempotency_key
				where caller = ? and key = ? and status is not null and created_at >= now() - interval '24 hours'""")
			.params(key.caller(), key.key())
			.query((rs, n) -> rs.getString(1).equals(key.requestHash())
					? (Claim) new Done(rs.getInt(2), rs.getString(3), rs.getString(4)) : new Mismatch())
			.optional();
	}

	/**
	 * {@link #claim} for many keys at once, in three statements: what a group commit
	 * runs. The keys must be distinct: a transaction's advisory locks are its own to take
	 * again.
	 * @return one claim per key, in order
	 */
	List<Claim> claimAll(List<Key> keys) {
		if (keys.isEmpty()) {
			return List.of();
		}
		String[] callers = keys.stream().map(Key::caller).toArray(String[]::new);
		String[] names = keys.stream().map(Key::key).toArray(String[]::new);
		List<Boolean> locked = this.template.query(
				"select pg_try_advisory_xact_lock(" + lockId("k.caller", "k.key")
						+ ") from unnest(?::text[], ?::text[]) with ordinality as k(caller, key, n) order by k.n",
				arrays(callers, names), (rs, n) -> rs.getBoolean(1));
		this.template.update("""
				delete from app.idempotency_key i using unnest(?::text[], ?::text[]) as k(caller, key)
				where i.caller = k.caller and i.key = k.key
				and (i.created_at < now() - interval '24 hours' or i.status is null)""", arrays(callers, names));
		Map<Key, Claim> done = new HashMap<>();
		this.template.query("""
				select i.caller, i.key, i.request_hash, i.status, i.response, i.location
				from app.idempotency_key i join unnest(?::text[], ?::text[]) as k(caller, key)
				on i.caller = k.caller and i.key = k.key""", arrays(callers, names), rs -> {
			for (Key key : keys) {
				if (key.caller().equals(rs.getString(1)) && key.key().equals(rs.getString(2))) {
					done.put(key, rs.getString(3).equals(key.requestHash())
							? new Done(rs.getInt(4), rs.getString(5), rs.getString(6)) : new Mismatch());
				}
			}
		});
		List<Claim> claims = new ArrayList<>(keys.size());
		for (int i = 0; i < keys.size(); i++) {
			Key key = keys.get(i);
			claims.add(!locked.get(i) ? new InFlight() : done.getOrDefault(key, new Claimed(key.requestHash())));
		}
		return claims;
	}

	/** {@link #complete} for many keys, in one statement. */
	void completeAll(List<Completed> completed) {
		if (completed.isEmpty()) {
			return;
		}
		String[][] columns = new String[6][completed.size()];
		for (int i = 0; i < completed.size(); i++) {
			Completed one = completed.get(i);
			columns[0][i] = one.key().caller();
			columns[1][i] = one.key().key();
			columns[2][i] = one.key().requestHash();
			columns[3][i] = Integer.toString(one.status());
			columns[4][i] = one.response();
			columns[5][i] = one.location();
		}
		this.template.update("""
				insert into app.idempotency_key (caller, key, request_hash, status, response, location)
				select caller, key, request_hash, status::int, response, location
				from unnest(?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[])
				     as k(caller, key, request_hash, status, response, location)""", arrays(columns));
	}

	private static PreparedStatementSetter arrays(String[]... columns) {
		return statement -> {
			for (int c = 0; c < columns.length; c++) {
				statement.setArray(c + 1, statement.getConnection().createArrayOf("text", columns[c]));
			}
		};
	}

	/**
	 * Claims the key for the calling transaction, which must then do the work and
	 * {@link #complete} it. Must run inside a transaction: the claim ends with it.
	 */
	Claim claim(String caller, String key, String requestHash) {
		boolean locked = this.jdbc.sql("select pg_try_advisory_xact_lock(" + LOCK_ID + ")")
			.params(caller, key)
			.query(Boolean.class)
			.single();
		if (!locked) {
			return new InFlight();
		}
		// Rows without a status were claims of an earlier design, committed before their
		// work: whatever wrote them is gone, since no one else holds the lock.
		this.jdbc.sql("""
				delete from app.idempotency_key where caller = ? and key = ?
				and (created_at < now() - interval '24 hours' or status is null)""").params(caller, key).update();
		return this.jdbc.sql(
				"select request_hash, status, response, location from app.idempotency_key where caller = ? and key = ?")
			.params(caller, key)
			.query((rs, n) -> rs.getString(1).equals(requestHash)
					? (Claim) new Done(rs.getInt(2), rs.getString(3), rs.getString(4)) : new Mismatch())
			.optional()
			.orElseGet(() -> new Claimed(requestHash));
	}

	void complete(String caller, String key, Claimed claim, int status, String response, String location) {
		this.jdbc.sql("""
				insert into app.idempotency_key (caller, key, request_hash, status, response, location)
				values (?, ?, ?, ?, ?, ?)""")
			.params(caller, key, claim.requestHash(), status, response, location)
			.update();
	}

}
