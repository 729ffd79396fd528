package org.passage.benchmarks;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;

import org.passage.rules.decision.Programme;
import org.passage.rules.engine.EngineRoutes;
import org.passage.rules.engine.Ruleset;
import org.passage.rules.facts.GafInput;

/**
 * The engine routes of ADR 0008, interleaved: every round runs each route over the same
 * 1,024 inputs of its programme, one route after the other, so that a machine shared with
 * other work slows them all alike. Prints the median CPU time of this thread per
 * decision, and its ratio to the plain-Java floor.
 * {@code java -cp <benchmarks class path>
 * org.passage.benchmarks.EngineRace <warm-up rounds> <measured rounds> [units]}; with
 * {@code units}, GAF as rule units races too (ADR 0012), which slows every Drools route
 * of the JVM, so their figures come from a run without it.
 */
public final class EngineRace {

	private EngineRace() {
	}

	public static void main(String[] args) {
		int warmup = args.length > 0 ? Integer.parseInt(args[0]) : 30;
		int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 30;
		DecisionBenchmark.Engines engines = new DecisionBenchmark.Engines();
		engines.compileAndCheckTheyAgree();
		List<GafInput> inputs = engines.gafInputs;
		String label = Programme.GAF.definition().tableFolder();
		Ruleset gaf = engines.gaf;
		Ruleset executable = engines.gafExecutableModel;
		Ruleset alpha = engines.gafAlphaNetworkCompiler;
		Object[] sink = new Object[1];
		Map<String, Consumer<List<GafInput>>> routes = new LinkedHashMap<>();
		routes.put("plain Java (floor)", batch -> batch.forEach(i -> sink[0] = PlainJavaPolicy.gaf(i)));
		routes.put("new session per decision (before)",
				batch -> batch.forEach(i -> sink[0] = EngineRoutes.decideInNewSession(gaf, i, Locale.ENGLISH)));
		Ruleset oneFirePerStage = engines.gafOneFirePerStage;
		routes.put("reused session, a fire per stage (ADR 0008)",
				batch -> batch.forEach(i -> sink[0] = oneFirePerStage.decide(i, Locale.ENGLISH)));
		Ruleset outcomeInEveryFire = EngineRoutes.outcomeInEveryFire(gaf);
		routes.put("reused session, 2 fires, outcome in each (ADR 0011)",
				batch -> batch.forEach(i -> sink[0] = outcomeInEveryFire.decide(i, Locale.ENGLISH)));
		Ruleset threadSafe = EngineRoutes.threadSafeSessions(gaf);
		routes.put("2 fires, outcome where read, thread-safe (ADR 0011)",
				batch -> batch.forEach(i -> sink[0] = threadSafe.decide(i, Locale.ENGLISH)));
		routes.put("2 fires, outcome where read, not thread-safe (chosen)",
				batch -> batch.forEach(i -> sink[0] = gaf.decide(i, Locale.ENGLISH)));
		routes.put("reused session, decideAll of 64", batch -> {
			for (int from = 0; from < batch.size(); from += DecisionBenchmark.BATCH) {
				sink[0] = gaf.decideAll(batch.subList(from, from + DecisionBenchmark.BATCH), Locale.ENGLISH);
			}
		});
		routes.put("executable model, reused session",
				batch -> batch.forEach(i -> sink[0] = executable.decide(i, Locale.ENGLISH)));
		routes.put("executable model + alpha-network compiler",
				batch -> batch.forEach(i -> sink[0] = alpha.decide(i, Locale.ENGLISH)));
		if (args.length > 2 && args[2].equals("units")) {
			DecisionBenchmark.Units units = new DecisionBenchmark.Units();
			units.buildAndCheckTheyAgree(engines);
			routes.put("rule units (executable model), not thread-safe",
					batch -> batch.forEach(i -> sink[0] = units.gaf.decide(i, Locale.ENGLISH)));
		}
		routes.put("Drools DMN (kie-dmn-core), same DMN",
				batch -> batch.forEach(i -> sink[0] = engines.droolsDmn.decide(i)));
		routes.put("Camunda DMN, legacy FEEL + JUEL", batch -> batch.forEach(i -> sink[0] = engines.dmnJuel.decide(i)));
		// FEEL re-parsing costs milliseconds: 16 inputs a round keep the race short.
		routes.put("Camunda DMN, FEEL (16 inputs a round)",
				batch -> batch.subList(0, 16).forEach(i -> sink[0] = engines.dmn.decide(i)));
		Ruleset hasm = engines.hasm;
		Ruleset reintegration = engines.reintegration;
		routes.put("HASM plain Java (floor)",
				batch -> engines.hasmInputs.forEach(i -> sink[0] = PlainJavaPolicy.hasm(i)));
		routes.put("HASM new session per decision (before)", batch -> engines.hasmInputs
			.forEach(i -> sink[0] = EngineRoutes.decideInNewSession(hasm, i, Locale.ENGLISH)));
		Ruleset hasmOneFire = EngineRoutes.oneFirePerStage(hasm);
		routes.put("HASM reused session, a fire per stage (ADR 0008)",
				batch -> engines.hasmInputs.forEach(i -> sink[0] = hasmOneFire.decide(i, Locale.ENGLISH)));
		Ruleset hasmOutcomeInEveryFire = EngineRoutes.outcomeInEveryFire(hasm);
		routes.put("HASM reused session, outcome in each fire (ADR 0011)",
				batch -> engines.hasmInputs.forEach(i -> sink[0] = hasmOutcomeInEveryFire.decide(i, Locale.ENGLISH)));
		Ruleset hasmThreadSafe = EngineRoutes.threadSafeSessions(hasm);
		routes.put("HASM reused session, thread-safe (ADR 0011)",
				batch -> engines.hasmInputs.forEach(i -> sink[0] = hasmThreadSafe.decide(i, Locale.ENGLISH)));
		routes.put("HASM reused session, decide (chosen)",
				batch -> engines.hasmInputs.forEach(i -> sink[0] = hasm.decide(i, Locale.ENGLISH)));
		routes.put("Reintegration plain Java (floor)",
				batch -> engines.reintegrationInputs.forEach(i -> sink[0] = PlainJavaPolicy.reintegration(i)));
		routes.put("Reintegration new session per decision (before)", batch -> engines.reintegrationInputs
			.forEach(i -> sink[0] = EngineRoutes.decideInNewSession(reintegration, i, Locale.ENGLISH)));
		Ruleset reintegrationOneFire = EngineRoutes.oneFirePerStage(reintegration);
		routes.put("Reintegration reused session, a fire per stage (ADR 0008)", batch -> engines.reintegrationInputs
			.forEach(i -> sink[0] = reintegrationOneFire.decide(i, Locale.ENGLISH)));
		Ruleset reintegrationOutcomeInEveryFire = EngineRoutes.outcomeInEveryFire(reintegration);
		routes.put("Reintegration reused session, outcome in each fire (ADR 0011)", batch -> engines.reintegrationInputs
			.forEach(i -> sink[0] = reintegrationOutcomeInEveryFire.decide(i, Locale.ENGLISH)));
		Ruleset reintegrationThreadSafe = EngineRoutes.threadSafeSessions(reintegration);
		routes.put("Reintegration reused session, thread-safe (ADR 0011)", batch -> engines.reintegrationInputs
			.forEach(i -> sink[0] = reintegrationThreadSafe.decide(i, Locale.ENGLISH)));
		routes.put("Reintegration reused session, decide (chosen)",
				batch -> engines.reintegrationInputs.forEach(i -> sink[0] = reintegration.decide(i, Locale.ENGLISH)));
		ThreadMXBean threads = ManagementFactory.getThreadMXBean();
		Map<String, List<Double>> cpu = new LinkedHashMap<>();
		Map<String, List<Double>> wall = new LinkedHashMap<>();
		routes.keySet().forEach(name -> {
			cpu.put(name, new ArrayList<>());
			wall.put(name, new ArrayList<>());
		});
		for (int round = 0; round < warmup + rounds; round++) {
			for (Map.Entry<String, Consumer<List<GafInput>>> route : routes.entrySet()) {
				long cpu0 = threads.getCurrentThreadCpuTime();
				long wall0 = System.nanoTime();
				route.getValue().accept(inputs);
				long wall1 = System.nanoTime();
				long cpu1 = threads.getCurrentThreadCpuTime();
				if (round >= warmup) {
					int count = route.getKey().contains("(16 inputs") ? 16 : inputs.size();
					cpu.get(route.getKey()).add((cpu1 - cpu0) / 1000.0 / count);
					wall.get(route.getKey()).add((wall1 - wall0) / 1000.0 / count);
				}
			}
		}
		double floor = 0;
		System.out.printf("%-45s %12s %12s %10s%n", "Route (" + label + " first)", "CPU µs/op", "wall µs/op",
				"÷ floor");
		for (String name : routes.keySet()) {
			double c = median(cpu.get(name));
			if (name.endsWith("(floor)")) {
				floor = c;
			}
			System.out.printf("%-45s %12.3f %12.3f %9.0f×%n", name, c, median(wall.get(name)), c / floor);
		}
		System.out.println(sink[0] != null ? "" : "-");
	}

	private static double median(List<Double> values) {
		double[] sorted = values.stream().mapToDouble(Double::doubleValue).toArray();
		Arrays.sort(sorted);
		return sorted[sorted.length / 2];
	}

}
