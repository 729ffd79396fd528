package org.passage.decisions.web;

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
	static final String LOCK_ID = "('x' || left(encode(sha256(convert_to(?, 'UTF8') || '\\x00'::bytea || convert_to(?, 'UTF8')), 'hex'), 16))::bit(64)::bigint";

	private final JdbcClient jdbc;

	IdempotencyKeys(JdbcClient jdbc) {
		this.jdbc = jdbc;
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
