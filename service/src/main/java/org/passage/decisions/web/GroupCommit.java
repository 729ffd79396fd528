package org.passage.decisions.web;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * Group commit: the writes of concurrent callers gathered into one transaction by one
 * writer thread, each caller answered only once the transaction that holds its write
 * committed. While one transaction waits for the disk, the next gathers whatever arrived
 * meanwhile, so a commit's cost is shared by as many writes as came during the last one,
 * with no delay added when there is only one.
 * <p>
 * If a transaction fails, each of its writes is tried again alone, in a transaction of
 * its own: only a write that fails alone fails its caller, and no caller is told its
 * write committed unless the transaction that holds it did. Writes the same
 * {@code conflictKey} names never share a transaction: a later one waits for the next,
 * where it sees the first committed.
 *
 * @param <T> a write
 * @param <R> what its caller is answered once it committed
 */
final class GroupCommit<T, R> implements AutoCloseable {

	/** Writes items in one transaction, all or none, and says what each became. */
	@FunctionalInterface
	interface Writer<T, R> {

		/**
		 * @return one result per item, in order, once the transaction committed
		 * @throws RuntimeException if the transaction did not commit (or may not have)
		 */
		List<R> writeAndCommit(List<T> items);

	}

	private record Waiting<T, R>(T item, CompletableFuture<R> answer) {
	}

	private final BlockingQueue<Waiting<T, R>> queue = new LinkedBlockingQueue<>();

	private final Writer<T, R> writer;

	private final Function<T, Object> conflictKey;

	private final Predicate<Throwable> sharedFailure;

	private final int maxBatch;

	private final Thread thread;

	private final List<Waiting<T, R>> heldBack = new ArrayList<>();

	private volatile boolean open = true;

	/**
	 * Starts the writer thread.
	 * @param maxBatch the most writes one transaction holds
	 * @param conflictKey writes with equal non-null keys go in different transactions
	 * @param sharedFailure whether a failure is no write's doing, and would fail each
	 * alone too
	 */
	GroupCommit(String name, int maxBatch, Function<T, Object> conflictKey, Predicate<Throwable> sharedFailure,
			Writer<T, R> writer) {
		if (maxBatch < 1) {
			throw new IllegalArgumentException("maxBatch must be at least 1, not " + maxBatch);
		}
		this.maxBatch = maxBatch;
		this.conflictKey = conflictKey;
		this.sharedFailure = sharedFailure;
		this.writer = writer;
		this.thread = new Thread(this::run, name);
		this.thread.setDaemon(true);
		this.thread.start();
	}

	/**
	 * Queues {@code item} and waits until the transaction that holds it committed.
	 * @return what the writer made of it
	 * @throws RuntimeException what made it fail alone: it did not commit
	 * @throws IllegalStateException once closed
	 */
	R write(T item) {
		CompletableFuture<R> answer = new CompletableFuture<>();
		synchronized (this) {
			// Checked and queued as one step: nothing is queued once the thread may end.
			if (!this.open) {
				throw new IllegalStateException("Stopping: no more writes are taken");
			}
			this.queue.add(new Waiting<>(item, answer));
		}
		try {
			return answer.get();
		}
		catch (InterruptedException ex) {
			// The write still commits or fails; this caller only stops waiting.
			Thread.currentThread().interrupt();
			throw new IllegalStateException("Interrupted while waiting for the commit", ex);
		}
		catch (ExecutionException ex) {
			if (ex.getCause() instanceof RuntimeException failure) {
				throw failure;
			}
			if (ex.getCause() instanceof Error error) {
				throw error;
			}
			throw new IllegalStateException(ex.getCause());
		}
	}

	/** Takes no more writes, writes those queued, and stops the thread. */
	@Override
	public void close() {
		synchronized (this) {
			this.open = false;
		}
		try {
			this.thread.join(TimeUnit.SECONDS.toMillis(30));
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	private void run() {
		while (this.open || !this.queue.isEmpty() || !this.heldBack.isEmpty()) {
			List<Waiting<T, R>> batch;
			try {
				batch = next();
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				return;
			}
			if (!batch.isEmpty()) {
				commit(batch);
			}
		}
	}

	/** The writes held back from the last transaction, then whatever is queued. */
	private List<Waiting<T, R>> next() throws InterruptedException {
		List<Waiting<T, R>> candidates = new ArrayList<>(this.heldBack);
		this.heldBack.clear();
		if (candidates.isEmpty()) {
			Waiting<T, R> first = this.queue.poll(100, TimeUnit.MILLISECONDS);
			if (first == null) {
				return List.of();
			}
			candidates.add(first);
		}
		this.queue.drainTo(candidates, this.maxBatch - candidates.size());
		List<Waiting<T, R>> batch = new ArrayList<>(candidates.size());
		Set<Object> keys = new HashSet<>();
		for (Waiting<T, R> waiting : candidates) {
			Object key = this.conflictKey.apply(waiting.item());
			if (key == null || keys.add(key)) {
				batch.add(waiting);
			}
			else {
				this.heldBack.add(waiting);
			}
		}
		return batch;
	}

	/** Commits the batch, or each write alone; returns a failure no write caused. */
	private Throwable commit(List<Waiting<T, R>> batch) {
		List<R> results;
		try {
			results = this.writer.writeAndCommit(batch.stream().map(Waiting::item).toList());
		}
		catch (RuntimeException | Error failed) {
			if (batch.size() == 1 || this.sharedFailure.test(failed)) {
				batch.forEach(waiting -> waiting.answer().completeExceptionally(failed));
				return this.sharedFailure.test(failed) ? failed : null;
			}
			// Alone, each write commits or fails on its own account.
			for (int i = 0; i < batch.size(); i++) {
				Throwable shared = commit(List.of(batch.get(i)));
				if (shared != null) {
					batch.subList(i + 1, batch.size())
						.forEach(waiting -> waiting.answer().completeExceptionally(shared));
					return shared;
				}
			}
			return null;
		}
		answer(batch, results);
		return null;
	}

	private static <T, R> void answer(List<Waiting<T, R>> batch, List<R> results) {
		for (int i = 0; i < batch.size(); i++) {
			R result = i < results.size() ? results.get(i) : null;
			if (result == null || results.size() != batch.size()) {
				// A writer's bug: the writes committed, but what they became is unknown.
				batch.get(i)
					.answer()
					.completeExceptionally(new IllegalStateException(
							results.size() + " results for " + batch.size() + " writes, or a null one"));
			}
			else {
				batch.get(i).answer().complete(result);
			}
		}
	}

}
