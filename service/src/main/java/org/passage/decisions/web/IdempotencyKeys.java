package org.passage.decisions.web;

import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Idempotency keys of recording calls, per draft-ietf-httpapi-idempotency-key-header: one
 * row per caller and key, claimed before the work and completed with the response in the
 * work's own transaction. A key lives 24 hours; a claim abandoned for a minute (a crash)
 * may be taken over.
 */
@Repository
class IdempotencyKeys {

	/** What a key says about a request. */
	sealed interface Claim permits Claimed, InFlight, Mismatch, Done {

	}

	/** The key is new: go ahead, then {@link #complete}. */
	record Claimed() implements Claim {
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

	private final JdbcClient jdbc;

	IdempotencyKeys(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	Claim claim(String caller, String key, String requestHash) {
		this.jdbc
			.sql("""
					delete from app.idempotency_key where caller = ? and key = ?
					and (created_at < now() - interval '24 hours' or (status is null and created_at < now() - interval '1 minute'))""")
			.params(caller, key)
			.update();
		int claimed = this.jdbc
			.sql("insert into app.idempotency_key (caller, key, request_hash) values (?, ?, ?) on conflict do nothing")
			.params(caller, key, requestHash)
			.update();
		if (claimed == 1) {
			return new Claimed();
		}
		Optional<Claim> existing = this.jdbc.sql(
				"select request_hash, status, response, location from app.idempotency_key where caller = ? and key = ?")
			.params(caller, key)
			.query((rs, n) -> {
				if (!rs.getString(1).equals(requestHash)) {
					return (Claim) new Mismatch();
				}
				return rs.getObject(2) == null ? new InFlight()
						: new Done(rs.getInt(2), rs.getString(3), rs.getString(4));
			})
			.optional();
		// Deleted between our insert and select: the other request failed and released
		// it.
		return existing.orElseGet(() -> claim(caller, key, requestHash));
	}

	void complete(String caller, String key, int status, String response, String location) {
		this.jdbc
			.sql("update app.idempotency_key set status = ?, response = ?, location = ? where caller = ? and key = ?")
			.params(status, response, location, caller, key)
			.update();
	}

	void release(String caller, String key) {
		this.jdbc.sql("delete from app.idempotency_key where caller = ? and key = ? and status is null")
			.params(caller, key)
			.update();
	}

}
