package org.passage.benchmarks;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.passage.rules.decision.Programme;
import org.passage.rules.engine.RulesetCompiler;
import org.passage.rules.table.TableFile;

/**
 * Compile time as CPU time of the compiling thread, for a machine too busy for
 * {@link CompileBenchmark}'s wall-clock figures (ADR 0005): the same tables, warm, median
 * and minimum over {@code n} compiles; each table compiled in full and as a stored
 * version that passed validation ({@link RulesetCompiler#compileValidated}, ADR 0012).
 * Arguments: warm-up compiles, measured compiles, a label for the output lines.
 */
public final class CompileCpuTime {

	private CompileCpuTime() {
	}

	public static void main(String[] args) {
		int warm = Integer.parseInt(args[0]);
		int n = Integer.parseInt(args[1]);
		String label = args.length > 2 ? args[2] : "";
		ThreadMXBean threads = ManagementFactory.getThreadMXBean();
		Map<String, List<List<TableFile>>> tables = new LinkedHashMap<>();
		for (Programme programme : Programme.values()) {
			List<TableFile> files = DecisionBenchmark.shippedFiles(programme);
			tables.put(programme.name(), List.of(files, files));
		}
		tables.put("LARGE500", List.of(CompileBenchmark.largeTable(10), CompileBenchmark.largeTable(11)));
		for (Map.Entry<String, List<List<TableFile>>> table : tables.entrySet()) {
			Programme programme = table.getKey().equals("LARGE500") ? Programme.GAF : Programme.valueOf(table.getKey());
			// A full compile and a stored version's (no row analysis), one after the
			// other.
			double[][] wall = new double[2][n];
			double[][] cpu = new double[2][n];
			for (int i = 0; i < warm + n; i++) {
				for (int way = 0; way < 2; way++) {
					List<TableFile> files = table.getValue().get(i % 2);
					long wall0 = System.nanoTime();
					long cpu0 = threads.getCurrentThreadCpuTime();
					(way == 0 ? RulesetCompiler.compile(programme, "timing", files)
							: RulesetCompiler.compileValidated(programme, "timing", files))
						.orThrow();
					if (i >= warm) {
						cpu[way][i - warm] = (threads.getCurrentThreadCpuTime() - cpu0) / 1e6;
						wall[way][i - warm] = (System.nanoTime() - wall0) / 1e6;
					}
				}
			}
			for (int way = 0; way < 2; way++) {
				Arrays.sort(wall[way]);
				Arrays.sort(cpu[way]);
				System.out.printf("%s %-14s %-9s wall median %7.1f ms (min %7.1f)  cpu median %7.1f ms (min %7.1f)%n",
						label, table.getKey(), way == 0 ? "full" : "validated", wall[way][n / 2], wall[way][0],
						cpu[way][n / 2], cpu[way][0]);
			}
		}
	}

}
