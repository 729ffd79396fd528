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
 * and minimum over {@code n} compiles. Arguments: warm-up compiles, measured compiles, a
 * label for the output lines.
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
			double[] wall = new double[n];
			double[] cpu = new double[n];
			for (int i = 0; i < warm + n; i++) {
				long wall0 = System.nanoTime();
				long cpu0 = threads.getCurrentThreadCpuTime();
				RulesetCompiler.compile(programme, "timing", table.getValue().get(i % 2)).orThrow();
				if (i >= warm) {
					cpu[i - warm] = (threads.getCurrentThreadCpuTime() - cpu0) / 1e6;
					wall[i - warm] = (System.nanoTime() - wall0) / 1e6;
				}
			}
			Arrays.sort(wall);
			Arrays.sort(cpu);
			System.out.printf("%s %-14s wall median %7.1f ms (min %7.1f)  cpu median %7.1f ms (min %7.1f)%n", label,
					table.getKey(), wall[n / 2], wall[0], cpu[n / 2], cpu[0]);
		}
	}

}
