package org.passage.benchmarks.replay;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import javax.sql.DataSource;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.mapstruct.factory.Mappers;
import org.passage.decisions.DecisionView;
import org.passage.decisions.internal.DecisionViews;
import org.passage.rules.decision.Component;
import org.passage.rules.decision.Decision;
import org.passage.rules.decision.Programme;
import org.passage.rules.engine.DecisionEngine;
import org.passage.rules.facts.Consent;
import org.passage.rules.facts.GafInput;
import org.passage.rules.facts.OtherProgramme;
import org.passage.rules.facts.RiskLevel;
import org.passage.rules.facts.VictimStatus;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;

/**
 * A history of recorded GAF decisions, each decided by the engine and stored as
 * {@code DecisionService.record} stores it (the input and the decision's view as the
 * service's JSON, the outcome, the ruleset id), but loaded with one COPY instead of one
 * insert per decision: a million recorded calls would take the service an hour.
 *
 * <p>
 * Decision {@code i} is evaluated at {@code start + i} seconds, so the first {@code n}
 * decisions are those of [{@code start}, {@code start + n} s).
 */
final class GafHistory {

	private static final String COPY = """
			copy app.decision (id, programme, case_id, input, output, outcome, ruleset_id, caller, evaluated_at)
			from stdin with (format csv)""";

	/** Rows made and sent to PostgreSQL at a time. */
	private static final int CHUNK = 5_000;

	private final ObjectMapper json;

	private final DecisionViews views = Mappers.getMapper(DecisionViews.class);

	GafHistory(ObjectMapper json) {
		this.json = json;
	}

	/**
	 * Decides {@code count} varied inputs with {@code engine} and records them as made by
	 * ruleset {@code rulesetId}, as calls of the decision API (no case). Chunks of rows
	 * are made on every core, each from its own seed, and sent in order.
	 */
	void record(DataSource dataSource, DecisionEngine engine, long rulesetId, int count, Instant start)
			throws Exception {
		int cores = Runtime.getRuntime().availableProcessors();
		ExecutorService makers = Executors.newFixedThreadPool(cores);
		try (Connection connection = dataSource.getConnection()) {
			connection.setAutoCommit(false);
			CopyIn copy = connection.unwrap(PGConnection.class).getCopyAPI().copyIn(COPY);
			Deque<Future<byte[]>> chunks = new ArrayDeque<>();
			for (int first = 0; first < count; first += CHUNK) {
				int from = first;
				int to = Math.min(count, first + CHUNK);
				chunks.add(makers.submit(() -> rows(engine, rulesetId, start, from, to)));
				while (chunks.size() > 2 * cores) {
					byte[] rows = chunks.poll().get();
					copy.writeToCopy(rows, 0, rows.length);
				}
			}
			while (!chunks.isEmpty()) {
				byte[] rows = chunks.poll().get();
				copy.writeToCopy(rows, 0, rows.length);
			}
			copy.endCopy();
			connection.commit();
		}
		finally {
			makers.shutdownNow();
		}
	}

	/** Decisions {@code from} to {@code to} (excluded) as CSV rows for COPY. */
	private byte[] rows(DecisionEngine engine, long rulesetId, Instant start, int from, int to) throws IOException {
		Random random = new Random(from);
		StringBuilder rows = new StringBuilder((to - from) * 2048);
		for (int i = from; i < to; i++) {
			GafInput input = input(random);
			Decision decision = engine.decide(Programme.GAF, input, Locale.ENGLISH);
			UUID id = new UUID(random.nextLong(), random.nextLong());
			OffsetDateTime at = start.plusSeconds(i).atOffset(ZoneOffset.UTC);
			DecisionView view = this.views.toView(decision, id, null, at);
			rows.append(id)
				.append(",GAF,,")
				.append(quoted(this.json.writeValueAsString(input)))
				.append(',')
				.append(quoted(this.json.writeValueAsString(view)))
				.append(',')
				.append(decision.decision().name())
				.append(',')
				.append(rulesetId)
				.append(",replay-benchmark,")
				.append(at)
				.append('\n');
		}
		return rows.toString().getBytes(StandardCharsets.UTF_8);
	}

	/**
	 * One applicant, skewed like casework: most identified or presumed, crossing a
	 * border, consenting and in no other programme, asking for one to three services and
	 * up to 3,000 (so that bands 1 and 2 and the edge between them are all common).
	 */
	static GafInput input(Random random) {
		Set<Component> requested = EnumSet.noneOf(Component.class);
		for (Component service : Component.GAF_SERVICES) {
			if (random.nextInt(5) == 0) {
				requested.add(service);
			}
		}
		if (requested.isEmpty()) {
			requested.add(Component.MEDICAL);
		}
		return new GafInput(
				random.nextInt(100) < 60 ? VictimStatus.IDENTIFIED
						: random.nextInt(100) < 60 ? VictimStatus.PRESUMED : any(random, VictimStatus.values()),
				random.nextInt(10) > 0,
				random.nextInt(100) < 70 ? OtherProgramme.NONE : any(random, OtherProgramme.values()),
				random.nextInt(100) < 85 ? Consent.GIVEN : any(random, Consent.values()), random.nextInt(5) == 0,
				random.nextInt(8) == 0, random.nextBoolean(), random.nextInt(6) == 0, requested,
				BigDecimal.valueOf(random.nextInt(300_000), 2), BigDecimal.valueOf(random.nextInt(1_000_000), 2),
				any(random, RiskLevel.values()), random.nextInt(100) < 70 ? 0 : random.nextInt(4));
	}

	private static <T> T any(Random random, T[] values) {
		return values[random.nextInt(values.length)];
	}

	/** A CSV field: in double quotes, each double quote doubled. */
	private static String quoted(String text) {
		return '"' + text.replace("\"", "\"\"") + '"';
	}

}
