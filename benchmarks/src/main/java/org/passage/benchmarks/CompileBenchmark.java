package org.passage.benchmarks;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.passage.rules.decision.Programme;
import org.passage.rules.engine.Ruleset;
import org.passage.rules.engine.RulesetCompiler;
import org.passage.rules.table.TableFile;

/**
 * Time to compile a ruleset, warm, as a policy change is compiled: reading the workbook,
 * analysing it for gaps and shadowed rows, and building it with Drools. The 500-row table
 * is generated; each invocation compiles a version that differs from the previous one by
 * a cell.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 3)
@Measurement(iterations = 5, time = 3)
@Fork(1)
@State(Scope.Benchmark)
public class CompileBenchmark {

	private static final int ROWS = 500;

	private List<TableFile> large;

	private List<TableFile> largeChanged;

	private boolean flip;

	@Setup(Level.Trial)
	public void generateTheLargeTable() {
		this.large = largeTable(10);
		this.largeChanged = largeTable(11);
		for (List<TableFile> files : List.of(this.large, this.largeChanged)) {
			Ruleset ruleset = RulesetCompiler.compile(Programme.GAF, "large", files).orThrow();
			if (ruleset.ruleCount() != ROWS) {
				throw new IllegalStateException("Expected " + ROWS + " rules, got " + ruleset.ruleCount());
			}
		}
	}

	@Benchmark
	public Ruleset gafShipped() {
		return DecisionBenchmark.shipped(Programme.GAF);
	}

	@Benchmark
	public Ruleset hasmShipped() {
		return DecisionBenchmark.shipped(Programme.HASM);
	}

	@Benchmark
	public Ruleset reintegrationShipped() {
		return DecisionBenchmark.shipped(Programme.REINTEGRATION);
	}

	@Benchmark
	public Ruleset largeTable500RowsChanged() {
		this.flip = !this.flip;
		return RulesetCompiler.compile(Programme.GAF, "large", this.flip ? this.large : this.largeChanged).orThrow();
	}

	/**
	 * 499 amount bands of {@code step} each for consenting cases, then a row for everyone
	 * else.
	 */
	static List<TableFile> largeTable(int step) {
		StringBuilder rules = new StringBuilder(
				"""
						RuleSet,org.passage.bench
						Import,"org.passage.rules.facts.*, org.passage.rules.decision.*"
						Variables,org.passage.rules.engine.GafDraft out
						Sequential,true
						,
						RuleTable Large
						NAME,ACTIVATION-GROUP,RULEFLOW-GROUP,CONDITION,CONDITION,ACTION,ACTION,ACTION
						,,,$i: GafInput()...,$i: GafInput()...,,,
						,,,consent == Consent.$param,requestedAmount <= $param,out.decide(Eligibility.$param);,out.approval(ApprovalLevel.$param);,"out.because(drools, ""$param"");"
						Row,Hit,Stage,Consent,Amount up to,Decision,Approval,Reason
						""");
		StringBuilder reasons = new StringBuilder("code,en\n");
		for (int row = 1; row < ROWS; row++) {
			String level = row < 100 ? "SUPERVISOR" : row < 300 ? "REGIONAL" : "HQ";
			rules.append("B")
				.append(row)
				.append(",decide,decide,GIVEN,")
				.append(row * step)
				.append(",ELIGIBLE,")
				.append(level)
				.append(",BAND_")
				.append(row)
				.append('\n');
			reasons.append("BAND_").append(row).append(",Band ").append(row).append('\n');
		}
		rules.append("B").append(ROWS).append(",decide,decide,,,NOT_ELIGIBLE,,OTHER\n");
		reasons.append("OTHER,Anything else\n");
		return List.of(new TableFile("large.csv", rules.toString().getBytes(StandardCharsets.UTF_8)),
				new TableFile("large-reasons.csv", reasons.toString().getBytes(StandardCharsets.UTF_8)));
	}

}
