package org.passage.decisions.web;

import java.util.ArrayList;
import java.util.List;

import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;

import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import org.passage.decisions.DecisionService;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.stereotype.Component;
import org.springframework.transaction.CannotCreateTransactionException;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Recorded decisions of concurrent calls committed together ({@link GroupCommit}): each
 * call is answered once the transaction holding its decision, and its idempotency key if
 * it sent one, committed. One commit waits for the disk once for all of them, where one
 * transaction per call waits once each (docs/performance.md, "Durable throughput").
 * {@code passage.decisions.group-commit.enabled=false} gives each call its own
 * transaction again.
 */
@Component
class DecisionCommits implements DisposableBean {

	/** A decision to record, and the idempotency key of its call if it sent one. */
	record Write(DecisionService.Pending decision, IdempotencyKeys.Completed key) {

		/** Two writes of one caller's key never share a transaction. */
		Object conflictKey() {
			return this.key == null ? null : List.of(this.key.key().caller(), this.key.key().key());
		}

	}

	/** What a write became: recorded, or what its key said instead. */
	sealed interface Result permits Recorded, Refused {

	}

	/** Stored, and durable. */
	record Recorded() implements Result {
	}

	/** Not stored: the key was in flight, used with another body, or done before. */
	record Refused(IdempotencyKeys.Claim claim) implements Result {
	}

	private final boolean enabled;

	private final DecisionService decisions;

	private final IdempotencyKeys keys;

	private final TransactionTemplate transactions;

	private final DistributionSummary batchSizes;

	private final GroupCommit<Write, Result> group;

	DecisionCommits(@Value("${passage.decisions.group-commit.enabled:true}") boolean enabled,
			@Value("${passage.decisions.group-commit.max-batch:256}") int maxBatch, DecisionService decisions,
			IdempotencyKeys keys, TransactionTemplate transactions, MeterRegistry meters) {
		this.enabled = enabled;
		this.decisions = decisions;
		this.keys = keys;
		this.transactions = transactions;
		this.batchSizes = DistributionSummary.builder("passage.decisions.group.commit.size")
			.description("Recorded decisions per group commit")
			.register(meters);
		this.group = enabled ? new GroupCommit<>("decision-group-commit", maxBatch, Write::conflictKey,
				DecisionCommits::unreachable, this::commit) : null;
	}

	/** Whether calls share commits; if not, each call runs its own transaction. */
	boolean enabled() {
		return this.enabled;
	}

	/**
	 * Records {@code write} with those of concurrent calls, and returns once it
	 * committed.
	 * @throws RuntimeException if it did not commit
	 */
	Result record(Write write) {
		return this.group.write(write);
	}

	/**
	 * One transaction for many calls: their keys claimed, their decisions and keys
	 * stored.
	 */
	private List<Result> commit(List<Write> writes) {
		this.batchSizes.record(writes.size());
		return this.transactions.execute(status -> {
			List<IdempotencyKeys.Key> keyed = writes.stream()
				.filter(write -> write.key() != null)
				.map(write -> write.key().key())
				.toList();
			List<IdempotencyKeys.Claim> claims = this.keys.claimAll(keyed);
			List<Result> results = new ArrayList<>(writes.size());
			List<DecisionService.Pending> stored = new ArrayList<>(writes.size());
			List<IdempotencyKeys.Completed> completed = new ArrayList<>(keyed.size());
			int k = 0;
			for (Write write : writes) {
				IdempotencyKeys.Claim claim = write.key() == null ? null : claims.get(k++);
				if (claim == null || claim instanceof IdempotencyKeys.Claimed) {
					stored.add(write.decision());
					if (claim != null) {
						completed.add(write.key());
					}
					results.add(new Recorded());
				}
				else {
					results.add(new Refused(claim));
				}
			}
			this.decisions.store(stored);
			this.keys.completeAll(completed);
			return results;
		});
	}

	/**
	 * Whether PostgreSQL could not be reached (no connection, or a connection-class SQL
	 * state): no call's doing, so the calls of a failed transaction are not tried one by
	 * one, each waiting the pool's timeout, but all answered 503 at once.
	 */
	static boolean unreachable(Throwable failure) {
		for (Throwable cause = failure; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
			if (cause instanceof CannotCreateTransactionException || cause instanceof DataAccessResourceFailureException
					|| cause instanceof SQLTransientConnectionException) {
				return true;
			}
			if (cause instanceof SQLException sql && sql.getSQLState() != null
					&& (sql.getSQLState().startsWith("08") || sql.getSQLState().startsWith("57P0"))) {
				return true;
			}
		}
		return false;
	}

	/** Writes everything queued, once no call is left to send more. */
	@Override
	public void destroy() {
		if (this.group != null) {
			this.group.close();
		}
	}

}
