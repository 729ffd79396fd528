package org.passage.rules;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.util.EnumSet;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.passage.rules.decision.Component;
import org.passage.rules.facts.Consent;
import org.passage.rules.facts.GafInput;
import org.passage.rules.facts.OtherProgramme;
import org.passage.rules.facts.RiskLevel;
import org.passage.rules.facts.VictimStatus;
import org.passage.rules.table.TableFile;

/** Test fixtures: table files from the class path and inputs with sensible defaults. */
public final class Fixtures {

	private Fixtures() {
	}

	public static TableFile table(String resource) {
		try (InputStream in = Fixtures.class.getResourceAsStream("/" + resource)) {
			if (in == null) {
				throw new IllegalArgumentException("No fixture " + resource);
			}
			return new TableFile(resource.substring(resource.lastIndexOf('/') + 1), in.readAllBytes());
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/** A broken fixture with the valid fixture's reason messages beside it. */
	public static List<TableFile> brokenTable(String name) {
		return List.of(table("broken/" + name + ".csv"), table("broken/valid-reasons.csv"));
	}

	/**
	 * Runs {@code task} on {@code threads} threads released at the same moment, runs
	 * {@code meanwhile} on this one, and returns what each thread's task returned.
	 */
	public static <T> List<T> onThreadsAtOnce(int threads, Callable<T> task, Runnable meanwhile) throws Exception {
		ExecutorService pool = Executors.newFixedThreadPool(threads);
		try {
			CountDownLatch start = new CountDownLatch(1);
			List<Future<T>> running = new ArrayList<>();
			for (int t = 0; t < threads; t++) {
				running.add(pool.submit(() -> {
					start.await();
					return task.call();
				}));
			}
			start.countDown();
			meanwhile.run();
			List<T> results = new ArrayList<>();
			for (Future<T> result : running) {
				results.add(result.get(60, TimeUnit.SECONDS));
			}
			return results;
		}
		finally {
			pool.shutdownNow();
		}
	}

	/** An identified, consenting, cross-border victim asking for medical help. */
	public static GafInput gaf(Consent consent, String amount) {
		return new GafInput(VictimStatus.IDENTIFIED, true, OtherProgramme.NONE, consent, false, false, false, false,
				EnumSet.of(Component.MEDICAL), new BigDecimal(amount), new BigDecimal("100000"), RiskLevel.LOW, 0);
	}

}
