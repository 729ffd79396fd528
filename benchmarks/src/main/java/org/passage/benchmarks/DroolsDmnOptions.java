package org.passage.benchmarks;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Arrays;
import java.util.List;

import org.passage.rules.facts.GafInput;

/**
 * Drools' DMN engine on the GAF DMN, built three ways and timed interleaved in one JVM:
 * by default, with its alpha-network option and with its executable-model option for
 * decision tables. Each build must agree with the floor on every input first. Prints the
 * median CPU time per decision. {@code java -cp <benchmarks class path>
 * org.passage.benchmarks.DroolsDmnOptions}
 */
public final class DroolsDmnOptions {

	private static final String[] OPTIONS = { null, "org.kie.dmn.compiler.alphanetwork",
			"org.kie.dmn.compiler.execmodel" };

	private DroolsDmnOptions() {
	}

	public static void main(String[] args) {
		List<GafInput> inputs = SampleInputs.gaf();
		DroolsDmnGaf[] builds = new DroolsDmnGaf[OPTIONS.length];
		for (int b = 0; b < builds.length; b++) {
			// The DMN compiler reads its options from system properties when a runtime is
			// built.
			if (OPTIONS[b] != null) {
				System.setProperty(OPTIONS[b], "true");
			}
			builds[b] = new DroolsDmnGaf();
			if (OPTIONS[b] != null) {
				System.clearProperty(OPTIONS[b]);
			}
		}
		for (GafInput input : inputs) {
			PlainJavaPolicy.Outcome expected = PlainJavaPolicy.gaf(input);
			for (DroolsDmnGaf build : builds) {
				PlainJavaPolicy.Outcome actual = build.decide(input);
				if (!expected.reasons().equals(actual.reasons()) || expected.decision() != actual.decision()
						|| expected.grantedAmount().compareTo(actual.grantedAmount()) != 0
						|| !expected.components().equals(actual.components())
						|| expected.approvalLevel() != actual.approvalLevel()
						|| expected.priority() != actual.priority() || expected.route() != actual.route()) {
					throw new IllegalStateException("Drools DMN disagrees on " + input);
				}
			}
		}
		ThreadMXBean threads = ManagementFactory.getThreadMXBean();
		int rounds = 12;
		double[][] micros = new double[builds.length][rounds];
		for (int round = 0; round < 2 * rounds; round++) {
			for (int b = 0; b < builds.length; b++) {
				long start = threads.getCurrentThreadCpuTime();
				for (GafInput input : inputs) {
					builds[b].decide(input);
				}
				if (round >= rounds) {
					micros[b][round - rounds] = (threads.getCurrentThreadCpuTime() - start) / 1000.0 / inputs.size();
				}
			}
		}
		for (int b = 0; b < builds.length; b++) {
			Arrays.sort(micros[b]);
			System.out.printf("%-40s %8.2f µs/op (CPU)%n", OPTIONS[b] == null ? "default" : OPTIONS[b],
					micros[b][rounds / 2]);
		}
	}

}
