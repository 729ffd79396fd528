package org.passage.benchmarks.replay;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.LongFunction;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.passage.impact.Impact;
import org.passage.impact.ImpactReplay;
import org.passage.rules.decision.Programme;
import org.passage.rules.engine.DecisionEngine;
import org.passage.rules.engine.Ruleset;
import org.passage.rules.engine.RulesetCompiler;
import org.postgresql.ds.PGSimpleDataSource;
import org.springframework.boot.Banner;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.jackson.JacksonAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The replay benchmark of issue 11 (run it with {@code benchmarks/replay/run}): records a
 * history of GAF decisions through the engine into a database the service has just
 * created, then, in the same JVM, reads it back without evaluating (the floor) and
 * replays it under both versions with {@link ImpactReplay}, the service's own impact
 * simulation, for the first 100k, 250k, 500k and all decisions.
 *
 * <p>
 * Arguments: JDBC URL, user, number of decisions, file for the Markdown results.
 */
public final class ReplayBenchmark {

	/** The first recorded decision's instant; decision i is i seconds later. */
	static final Instant START = Instant.parse("2026-01-01T00:00:00Z");

	private ReplayBenchmark() {
	}

	public static void main(String[] args) throws Exception {
		String url = args[0];
		String user = args[1];
		int count = Integer.parseInt(args[2]);
		Path results = Path.of(args[3]);
		PGSimpleDataSource dataSource = new PGSimpleDataSource();
		dataSource.setUrl(url);
		dataSource.setUser(user);
		ObjectMapper json = serviceJson();

		GafVersions.Stored stored = GafVersions.active(dataSource);
		Ruleset current = RulesetCompiler.compile(Programme.GAF, stored.label(), stored.files()).orThrow();
		Ruleset changed = RulesetCompiler
			.compile(Programme.GAF, "GAF band-1 edge at 1500", GafVersions.bandOneEdgeAt(stored.files(), 1500))
			.orThrow();
		// As Rulesets.version(id) gives the version a decision names.
		Map<Long, Ruleset> versions = Map.of(stored.id(), current);
		LongFunction<Ruleset> byId = id -> versions.get(id);

		long loading = System.nanoTime();
		new GafHistory(json).record(dataSource, new DecisionEngine(List.of(current)), stored.id(), count, START);
		try (Connection connection = dataSource.getConnection(); Statement sql = connection.createStatement()) {
			sql.execute("vacuum analyze app.decision");
		}
		double loadSeconds = (System.nanoTime() - loading) / 1e9;
		log("recorded %,d decisions through the engine in %.1f s (%,.0f/s, COPY included)", count, loadSeconds,
				count / loadSeconds);

		ImpactReplay replay = new ImpactReplay(dataSource);
		// Warm the JIT on both paths, and read every row once so that all are in the
		// page cache for every measured run.
		replay.readOnly(query(count), processed -> true);
		for (int i = 0; i < 2; i++) {
			replay.readOnly(query(Math.min(count, 100_000)), processed -> true);
			replay.run(query(Math.min(count, 100_000)), changed, byId, processed -> true);
		}

		List<String> table = new ArrayList<>();
		table
			.add("| Decisions | Read floor (decisions/s) | Replay, both versions (decisions/s) | Replay ÷ floor (time) "
					+ "| Peak heap, floor | Peak heap, replay | CPU per decision, floor (JVM / machine) "
					+ "| CPU per decision, replay (JVM / machine) | Changed by the draft |");
		table.add("|---|---|---|---|---|---|---|---|---|");
		for (int n : new int[] { 100_000, 250_000, 500_000, 1_000_000 }) {
			if (n > count) {
				break;
			}
			ImpactReplay.Query query = query(n);
			Run floor = measure(() -> new long[] { replay.readOnly(query, processed -> true) });
			Impact[] impact = new Impact[1];
			Run replayed = measure(() -> {
				ImpactReplay.Outcome outcome = replay.run(query, changed, byId, processed -> true);
				impact[0] = outcome.impact();
				return new long[] { outcome.processed() };
			});
			if (floor.decisions() != n || replayed.decisions() != n || impact[0].replayed() != n) {
				throw new IllegalStateException("Expected " + n + " decisions, read " + floor.decisions()
						+ ", replayed " + impact[0].replayed());
			}
			if (impact[0].notReproduced() != 0) {
				throw new IllegalStateException(impact[0].notReproduced() + " decisions are not reproduced");
			}
			String row = String.format(Locale.ROOT, "| %,d | %,.0f | %,.0f | %.2f× | %d MB | %d MB | %s | %s | %,d |",
					n, floor.rate(), replayed.rate(), replayed.seconds() / floor.seconds(), floor.peakHeapMb(),
					replayed.peakHeapMb(), floor.cpuPerDecision(), replayed.cpuPerDecision(), impact[0].changed());
			log("%s", row);
			log("  outcomes %s", impact[0].outcomes());
			table.add(row);
		}
		// The same replay on the calling thread alone, for what evaluating on the other
		// cores while reading brings.
		int n = Math.min(count, 250_000);
		ImpactReplay oneThread = new ImpactReplay(dataSource, ImpactReplay.DEFAULT_BATCH, ImpactReplay.DEFAULT_SAMPLE,
				1);
		Run floor = measure(() -> new long[] { replay.readOnly(query(n), processed -> true) });
		Run single = measure(
				() -> new long[] { oneThread.run(query(n), changed, byId, processed -> true).processed() });
		Run parallel = measure(() -> new long[] { replay.run(query(n), changed, byId, processed -> true).processed() });
		String line = String.format(Locale.ROOT,
				"%nOn %,d decisions, side by side: floor %,.0f/s, replay on one thread %,.0f/s (%.2f× the floor's time), "
						+ "on %d workers %,.0f/s (%.2f×).",
				n, floor.rate(), single.rate(), single.seconds() / floor.seconds(),
				Runtime.getRuntime().availableProcessors(), parallel.rate(), parallel.seconds() / floor.seconds());
		log("%s", line);
		table.add(line);
		Files.createDirectories(results.toAbsolutePath().getParent());
		Files.write(results, table);
	}

	private static ImpactReplay.Query query(int n) {
		return new ImpactReplay.Query(Programme.GAF, START, START.plusSeconds(n), null);
	}

	/**
	 * A measured run: decisions, seconds, the heap's peak while it ran, and the CPU time
	 * it took, of this JVM and of the whole machine (PostgreSQL's included).
	 */
	record Run(long decisions, double seconds, long peakHeapMb, double jvmCpuSeconds, double machineCpuSeconds) {

		double rate() {
			return this.decisions / this.seconds;
		}

		String cpuPerDecision() {
			return String.format(Locale.ROOT, "%.1f / %.1f µs", this.jvmCpuSeconds * 1e6 / this.decisions,
					this.machineCpuSeconds * 1e6 / this.decisions);
		}

	}

	/** CPU time this JVM has used, in seconds. */
	static double jvmCpu() {
		return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
			.getProcessCpuTime() / 1e9;
	}

	/**
	 * CPU time every process of the machine has used, in seconds: the first line of
	 * /proc/stat, user to steal, in clock ticks of 1/100 s.
	 */
	static double machineCpu() {
		try {
			String[] ticks = Files.readAllLines(Path.of("/proc/stat")).get(0).trim().split("\\s+");
			long busy = 0;
			for (int i = 1; i <= 8; i++) {
				if (i != 4 && i != 5) { // not idle, not iowait
					busy += Long.parseLong(ticks[i]);
				}
			}
			return busy / 100.0;
		}
		catch (java.io.IOException ex) {
			return Double.NaN;
		}
	}

	interface Work {

		long[] run() throws Exception;

	}

	/**
	 * Runs {@code work} from a collected heap, and reports the sum of the heap pools'
	 * peaks while it ran (an upper bound of the heap it needed).
	 */
	static Run measure(Work work) throws Exception {
		System.gc();
		List<MemoryPoolMXBean> heap = ManagementFactory.getMemoryPoolMXBeans()
			.stream()
			.filter(pool -> pool.getType() == MemoryType.HEAP)
			.toList();
		heap.forEach(MemoryPoolMXBean::resetPeakUsage);
		double jvm = jvmCpu();
		double machine = machineCpu();
		long start = System.nanoTime();
		long decisions = work.run()[0];
		double seconds = (System.nanoTime() - start) / 1e9;
		long peak = heap.stream().mapToLong(pool -> pool.getPeakUsage().getUsed()).sum();
		return new Run(decisions, seconds, peak / (1024 * 1024), jvmCpu() - jvm, machineCpu() - machine);
	}

	/**
	 * The service's ObjectMapper, made by the same Spring Boot configuration: its
	 * {@code spring.jackson} settings and {@code JsonSettings}' strict reading.
	 */
	static ObjectMapper serviceJson() throws ClassNotFoundException {
		try (ConfigurableApplicationContext context = new SpringApplicationBuilder(JacksonAutoConfiguration.class,
				Class.forName("org.passage.web.JsonSettings"))
			.web(WebApplicationType.NONE)
			.bannerMode(Banner.Mode.OFF)
			.logStartupInfo(false)
			.run()) {
			return context.getBean(ObjectMapper.class);
		}
	}

	static void log(String format, Object... args) {
		System.out.printf(Locale.ROOT, format + "%n", args);
	}

}
