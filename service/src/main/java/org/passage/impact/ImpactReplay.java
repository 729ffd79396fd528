package org.passage.impact;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.LongFunction;

import javax.sql.DataSource;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.json.JsonMapper;
import org.passage.funds.Fund;
import org.passage.impact.internal.ImpactTally;
import org.passage.rules.decision.Decision;
import org.passage.rules.decision.Programme;
import org.passage.rules.engine.Ruleset;
import org.passage.rules.engine.UndecidedException;
import org.postgresql.PGStatement;
import org.springframework.lang.Nullable;

/**
 * Replays the recorded decisions of a period through a draft and through the version that
 * made each of them, and counts what changes. Plain Java over JDBC, so that a benchmark
 * can drive it as the service does.
 *
 * <p>
 * It streams: one connection with autocommit off (pgjdbc reads a result in pieces of the
 * fetch size only inside a transaction; with autocommit on it reads every row into
 * memory), a forward-only cursor, and a batch of {@value #DEFAULT_BATCH} decisions at a
 * time. The reading thread only reads; by default a worker per core parses each batch's
 * inputs, evaluates them on one session per version ({@code Ruleset.decideAll}) and
 * counts them, and the counts are added up in reading order. What it keeps grows with the
 * number of outcomes, offices, funds and reasons and with the batches in flight, never
 * with the number of decisions.
 */
public final class ImpactReplay {

	/** Decisions read and evaluated together. */
	public static final int DEFAULT_BATCH = 500;

	/** Changed decisions kept, with both explanations, for people to read. */
	public static final int DEFAULT_SAMPLE = 20;

	/**
	 * Which decisions to replay: one programme's, evaluated in [{@code from},
	 * {@code to}), of the cases of one office or (null) of all.
	 */
	public record Query(Programme programme, Instant from, Instant to, @Nullable String office) {
	}

	/** Told after each batch how many decisions were replayed; false stops the replay. */
	@FunctionalInterface
	public interface Progress {

		boolean carryOn(long processed);

	}

	/**
	 * What a replay came to: whether it went through every decision (false when progress
	 * stopped it), how many it read, and what it counted.
	 */
	public record Outcome(boolean finished, long processed, Impact impact) {
	}

	// The office is the case's; the fund is the one the case's process named for the
	// decision, else the office's fund of the programme for that year. Read-only across
	// the
	// decision store and the case tables, in one query: a stream cannot be joined in
	// Java.
	private static final String DECISIONS = """
			select d.id, d.evaluated_at, d.ruleset_id, d.input::text, d.outcome, c.office, cd.fund_id
			from app.decision d
			left join app.case_file c on c.reference = d.case_id
			left join app.case_decision cd on cd.decision_id = d.id
			where d.programme = ? and d.evaluated_at >= ? and d.evaluated_at < ?
			  and (cast(? as text) is null or c.office = ?)
			order by d.evaluated_at, d.id""";

	private static final String COUNT = """
			select count(*) from app.decision d left join app.case_file c on c.reference = d.case_id
			where d.programme = ? and d.evaluated_at >= ? and d.evaluated_at < ?
			  and (cast(? as text) is null or c.office = ?)""";

	private final DataSource dataSource;

	private final ObjectReader inputs;

	private final int batchSize;

	private final int sampleSize;

	private final int parallelism;

	public ImpactReplay(DataSource dataSource) {
		this(dataSource, DEFAULT_BATCH, DEFAULT_SAMPLE);
	}

	public ImpactReplay(DataSource dataSource, int batchSize, int sampleSize) {
		this(dataSource, batchSize, sampleSize, Runtime.getRuntime().availableProcessors());
	}

	/**
	 * @param parallelism how many batches are evaluated at once, on threads of their own,
	 * while the next is read (1: read and evaluate on the calling thread)
	 */
	public ImpactReplay(DataSource dataSource, int batchSize, int sampleSize, int parallelism) {
		if (batchSize < 1 || sampleSize < 0 || parallelism < 1) {
			throw new IllegalArgumentException("batch size and parallelism must be positive, sample size not negative");
		}
		this.parallelism = parallelism;
		this.dataSource = dataSource;
		// Stored inputs are Passage's own JSON, checked by the API's strict reader when
		// they came in, and each input's constructor checks its domain again as it
		// reads. So a replay, which reads millions, reads them with a plain mapper: the
		// API's checks for repeated keys and set values read every set through a tree
		// first. Decisions recorded before the typed entry kept a few request fields
		// besides the input: they are not input fields, and are not read.
		this.inputs = JsonMapper.builder().disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES).build().reader();
		this.batchSize = batchSize;
		this.sampleSize = sampleSize;
	}

	/** How many decisions {@code query} selects. */
	public long count(Query query) {
		try (Connection connection = this.dataSource.getConnection();
				PreparedStatement count = prepare(connection, COUNT, query);
				ResultSet rows = count.executeQuery()) {
			rows.next();
			return rows.getLong(1);
		}
		catch (SQLException ex) {
			throw new IllegalStateException("Cannot count the decisions to replay", ex);
		}
	}

	/**
	 * Replays every decision {@code query} selects, through {@code draft} and through its
	 * own version ({@code versions} gives a stored version by id).
	 */
	public Outcome run(Query query, Ruleset draft, LongFunction<Ruleset> versions, Progress progress) {
		if (draft.programme() != query.programme()) {
			throw new IllegalArgumentException("The draft decides " + draft.programme() + ", not " + query.programme());
		}
		// Each batch is counted apart where it was decided, and the counts added up in
		// reading order: the reading thread only reads.
		ImpactTally tally = new ImpactTally(this.sampleSize);
		Read read = pipeline(query, rows -> {
			ImpactTally counted = new ImpactTally(this.sampleSize);
			tally(decide(parse(rows, query.programme()), draft, versions), counted);
			return counted;
		}, tally::addAll, progress);
		return new Outcome(read.finished(), read.processed(), tally.impact());
	}

	/**
	 * Reads and parses every decision {@code query} selects exactly as {@link #run} does,
	 * on the same threads, but evaluates none: the floor a replay cannot beat, which the
	 * replay benchmark measures beside it. Returns how many decisions were read.
	 */
	public long readOnly(Query query, Progress progress) {
		return pipeline(query, rows -> parse(rows, query.programme()), parsed -> {
		}, progress).processed();
	}

	/**
	 * Streams the rows {@code query} selects on the calling thread, a batch at a time;
	 * {@code work} turns each batch into a result on the workers (or on the calling
	 * thread when there are none) while the next batch is read, and {@code results} takes
	 * the results in reading order on the calling thread, so that the sample is the first
	 * changed decisions. Reading, parsing and evaluating then share the cores: the rows'
	 * JSON is parsed beside the evaluation, not on the reading thread.
	 */
	private <T> Read pipeline(Query query, Function<List<Row>, T> work, Consumer<T> results, Progress progress) {
		if (this.parallelism == 1) {
			return stream(query, rows -> results.accept(work.apply(rows)), progress);
		}
		ExecutorService workers = Executors.newFixedThreadPool(this.parallelism, new Workers());
		Deque<Future<T>> pending = new ArrayDeque<>();
		try {
			Read read = stream(query, rows -> {
				pending.add(workers.submit(() -> work.apply(rows)));
				// Reads ahead by a batch per worker, so that none waits for the reading.
				while (pending.size() > 2 * this.parallelism) {
					results.accept(done(pending.poll()));
				}
			}, progress);
			// Stopped or not, what was read is counted: a cancelled run's figures cover
			// every decision it says it processed.
			while (!pending.isEmpty()) {
				results.accept(done(pending.poll()));
			}
			return read;
		}
		finally {
			workers.shutdownNow();
		}
	}

	private static <T> T done(Future<T> result) {
		try {
			return result.get();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("Interrupted while replaying", ex);
		}
		catch (ExecutionException ex) {
			if (ex.getCause() instanceof RuntimeException failure) {
				throw failure;
			}
			throw new IllegalStateException("A batch could not be replayed", ex.getCause());
		}
	}

	/**
	 * Daemon threads that parse and evaluate batches: they never keep a stopping node
	 * alive.
	 */
	private static final class Workers implements ThreadFactory {

		private final AtomicInteger count = new AtomicInteger();

		@Override
		public Thread newThread(Runnable work) {
			Thread thread = new Thread(work, "impact-replay-" + this.count.incrementAndGet());
			thread.setDaemon(true);
			return thread;
		}

	}

	private record Read(boolean finished, long processed) {
	}

	/**
	 * Streams the decisions {@code query} selects, a batch at a time, to {@code batches};
	 * stops early when {@code progress} says so.
	 */
	private Read stream(Query query, Consumer<List<Row>> batches, Progress progress) {
		try (Connection connection = this.dataSource.getConnection()) {
			boolean autoCommit = connection.getAutoCommit();
			connection.setAutoCommit(false);
			try (PreparedStatement select = prepare(connection, DECISIONS, query)) {
				select.setFetchSize(this.batchSize);
				// Binary rows from the first execution (pgjdbc sends a statement's first
				// runs as text): ids, instants and version numbers then decode from their
				// bytes instead of being parsed from text, a million times over.
				select.unwrap(PGStatement.class).setPrepareThreshold(-1);
				try (ResultSet rows = select.executeQuery()) {
					List<Row> batch = new ArrayList<>(this.batchSize);
					long read = 0;
					while (rows.next()) {
						read++;
						batch.add(new Row(rows.getObject(1, UUID.class), rows.getObject(2, OffsetDateTime.class),
								rows.getLong(3), rows.getBytes(4), rows.getString(5), rows.getString(6),
								rows.getString(7)));
						if (read % this.batchSize == 0) {
							batches.accept(batch);
							batch = new ArrayList<>(this.batchSize);
							if (!progress.carryOn(read)) {
								return new Read(false, read);
							}
						}
					}
					batches.accept(batch);
					progress.carryOn(read);
					return new Read(true, read);
				}
			}
			finally {
				connection.rollback();
				connection.setAutoCommit(autoCommit);
			}
		}
		catch (SQLException ex) {
			throw new IllegalStateException("Cannot read the decisions to replay", ex);
		}
	}

	/**
	 * A decision's row as read: its input still the stored JSON's bytes, parsed on a
	 * worker.
	 */
	private record Row(UUID id, OffsetDateTime evaluatedAt, long rulesetId, byte[] input, String outcome,
			@Nullable String office, @Nullable String fund) {
	}

	/**
	 * A decision read from the store, its input parsed; the input is null when the stored
	 * JSON no longer reads or no longer passes its domain.
	 */
	private record Recorded(ImpactTally.Origin origin, String outcome, @Nullable Record input) {
	}

	private List<Recorded> parse(List<Row> rows, Programme programme) {
		// A reader bound to the type finds its deserializer once, not once per input.
		ObjectReader reader = this.inputs.forType(programme.definition().inputType());
		List<Recorded> parsed = new ArrayList<>(rows.size());
		for (Row row : rows) {
			Instant at = row.evaluatedAt().toInstant();
			String fund = row.fund();
			if (fund == null && row.office() != null) {
				fund = Fund.idOf(programme, row.office(),
						row.evaluatedAt().withOffsetSameInstant(ZoneOffset.UTC).getYear());
			}
			Record input;
			try {
				input = reader.readValue(row.input());
			}
			catch (java.io.IOException | RuntimeException ex) {
				// counted, not replayed
				input = null;
			}
			parsed.add(new Recorded(new ImpactTally.Origin(row.id(), at, row.office() == null ? "" : row.office(),
					fund == null ? "" : fund, row.rulesetId()), row.outcome(), input));
		}
		return parsed;
	}

	/**
	 * A batch decided: {@code own[i]} under decision i's own version, {@code drafted[i]}
	 * under the draft, null where the input did not read or no row decides.
	 */
	private record Decided(List<Recorded> batch, Decision[] own, Decision[] drafted) {
	}

	/**
	 * Decides a batch under each decision's own version and under the draft, one session
	 * per version; a batch a version cannot decide whole is decided one by one, so that
	 * one undecided input costs only itself. Reads nothing but the batch: it runs on any
	 * thread.
	 */
	private static Decided decide(List<Recorded> batch, Ruleset draft, LongFunction<Ruleset> versions) {
		Decision[] own = new Decision[batch.size()];
		Decision[] drafted = new Decision[batch.size()];
		Map<Long, List<Integer>> byVersion = new LinkedHashMap<>();
		List<Integer> readable = new ArrayList<>(batch.size());
		for (int i = 0; i < batch.size(); i++) {
			if (batch.get(i).input() != null) {
				byVersion.computeIfAbsent(batch.get(i).origin().rulesetId(), id -> new ArrayList<>()).add(i);
				readable.add(i);
			}
		}
		for (Map.Entry<Long, List<Integer>> version : byVersion.entrySet()) {
			decideInto(own, versions.apply(version.getKey()), version.getValue(), batch);
		}
		decideInto(drafted, draft, readable, batch);
		return new Decided(batch, own, drafted);
	}

	/**
	 * Decides the inputs at {@code positions} of {@code batch} into the same places of
	 * {@code decisions}.
	 */
	private static void decideInto(Decision[] decisions, Ruleset ruleset, List<Integer> positions,
			List<Recorded> batch) {
		if (positions.isEmpty()) {
			return;
		}
		List<Decision> decided = decideAll(ruleset, positions.stream().map(i -> batch.get(i).input()).toList());
		for (int k = 0; k < decided.size(); k++) {
			decisions[positions.get(k)] = decided.get(k);
		}
	}

	private static void tally(Decided decided, ImpactTally tally) {
		List<Recorded> batch = decided.batch();
		for (int i = 0; i < batch.size(); i++) {
			if (decided.own()[i] == null) {
				// unreadable, or its own version no longer decides it: nothing to
				// compare with
				tally.unreadable();
				continue;
			}
			tally.add(batch.get(i).origin(), batch.get(i).outcome(), decided.own()[i], decided.drafted()[i]);
		}
	}

	/** Each input's decision, null where no row decides. */
	private static List<Decision> decideAll(Ruleset ruleset, List<Record> inputs) {
		try {
			return ruleset.decideAll(inputs, Locale.ENGLISH);
		}
		catch (UndecidedException ex) {
			List<Decision> decisions = new ArrayList<>(inputs.size());
			for (Record input : inputs) {
				try {
					decisions.add(ruleset.decide(input, Locale.ENGLISH));
				}
				catch (UndecidedException undecided) {
					decisions.add(null);
				}
			}
			return decisions;
		}
	}

	private static PreparedStatement prepare(Connection connection, String sql, Query query) throws SQLException {
		PreparedStatement statement = connection.prepareStatement(sql, ResultSet.TYPE_FORWARD_ONLY,
				ResultSet.CONCUR_READ_ONLY);
		statement.setString(1, query.programme().name());
		statement.setTimestamp(2, Timestamp.from(query.from()));
		statement.setTimestamp(3, Timestamp.from(query.to()));
		statement.setString(4, query.office());
		statement.setString(5, query.office());
		return statement;
	}

}
