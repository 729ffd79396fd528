package org.passage.benchmarks;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.passage.rules.decision.Decision;
import org.passage.rules.decision.Programme;
import org.passage.rules.decision.ReintegrationDecision;
import org.passage.rules.engine.EngineRoutes;
import org.passage.rules.engine.GafRuleUnit;
import org.passage.rules.engine.Ruleset;
import org.passage.rules.engine.RulesetCompiler;
import org.passage.rules.facts.GafInput;
import org.passage.rules.facts.HasmInput;
import org.passage.rules.facts.ReintegrationInput;
import org.passage.rules.table.TableFile;

/**
 * Time per decision, explanation included, for each programme: Passage's tables, the
 * plain-Java floor, and (GAF) Camunda's DMN engine, over the same 1,024 inputs. Run it
 * with one thread and with two ({@code -t 2}): the benchmark's state is shared, each
 * thread walks the inputs on its own.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class DecisionBenchmark {

	/** Decisions per {@link Ruleset#decideAll} call in the batch benchmark. */
	static final int BATCH = 64;

	@State(Scope.Benchmark)
	public static class Engines {

		Ruleset gaf;

		Ruleset hasm;

		Ruleset reintegration;

		CamundaDmnGaf dmn;

		/** The same DMN without FEEL re-parsing: legacy FEEL unary tests and JUEL. */
		CamundaJuelDmnGaf dmnJuel;

		/** The same DMN on Drools' own DMN engine. */
		DroolsDmnGaf droolsDmn;

		/** GAF with one fire per stage (before ADR 0011). */
		Ruleset gafOneFirePerStage;

		/** GAF built as Drools' executable model (ADR 0008). */
		Ruleset gafExecutableModel;

		/** GAF built as the executable model with the alpha-network compiler. */
		Ruleset gafAlphaNetworkCompiler;

		List<GafInput> gafInputs;

		List<HasmInput> hasmInputs;

		List<ReintegrationInput> reintegrationInputs;

		@Setup(Level.Trial)
		public void compileAndCheckTheyAgree() {
			this.gaf = shipped(Programme.GAF);
			this.hasm = shipped(Programme.HASM);
			this.reintegration = shipped(Programme.REINTEGRATION);
			this.dmn = new CamundaDmnGaf();
			this.dmnJuel = new CamundaJuelDmnGaf();
			this.droolsDmn = new DroolsDmnGaf();
			this.gafOneFirePerStage = EngineRoutes.oneFirePerStage(this.gaf);
			String gafLabel = Programme.GAF.definition().tableFolder();
			this.gafExecutableModel = EngineRoutes.executableModel(Programme.GAF, gafLabel,
					shippedFiles(Programme.GAF));
			this.gafAlphaNetworkCompiler = EngineRoutes.alphaNetworkCompiler(Programme.GAF, gafLabel,
					shippedFiles(Programme.GAF));
			this.gafInputs = SampleInputs.gaf();
			this.hasmInputs = SampleInputs.hasm();
			this.reintegrationInputs = SampleInputs.reintegration();
			// Like must be measured against like: all engines must give the same decision
			// on every input.
			agree(this.gafInputs, this.gaf, PlainJavaPolicy::gaf);
			agree(this.gafInputs, this.gaf, this.dmn::decide);
			agree(this.gafInputs, this.gaf, this.dmnJuel::decide);
			agree(this.gafInputs, this.gaf, this.droolsDmn::decide);
			agree(this.gafInputs, this.gafOneFirePerStage, PlainJavaPolicy::gaf);
			agree(this.hasmInputs, EngineRoutes.oneFirePerStage(this.hasm), PlainJavaPolicy::hasm);
			agree(this.reintegrationInputs, EngineRoutes.oneFirePerStage(this.reintegration),
					PlainJavaPolicy::reintegration);
			agree(this.gafInputs, this.gafExecutableModel, PlainJavaPolicy::gaf);
			agree(this.gafInputs, this.gafAlphaNetworkCompiler, PlainJavaPolicy::gaf);
			agreeInBatches(this.gafInputs, this.gaf, PlainJavaPolicy::gaf);
			agreeInBatches(this.hasmInputs, this.hasm, PlainJavaPolicy::hasm);
			agreeInBatches(this.reintegrationInputs, this.reintegration, PlainJavaPolicy::reintegration);
			for (GafInput input : this.gafInputs) {
				if (!same(PlainJavaPolicy.gaf(input),
						outcome(EngineRoutes.decideInNewSession(this.gaf, input, Locale.ENGLISH)))) {
					throw new IllegalStateException("A new session per decision disagrees on " + input);
				}
			}
			agree(this.hasmInputs, this.hasm, PlainJavaPolicy::hasm);
			agree(this.reintegrationInputs, this.reintegration, PlainJavaPolicy::reintegration);
		}

	}

	/**
	 * GAF as rule units (ADR 0012), apart from {@link Engines}: once a JVM has run a
	 * unit's evaluator beside Drools' sessions, every Drools route in it is slower (the
	 * JIT's type profiles in Drools' core see two evaluator classes), so only the runs
	 * that measure units build them. A thread's own: the units' instances are reused.
	 */
	@State(Scope.Thread)
	public static class Units {

		GafRuleUnit gaf;

		@Setup(Level.Trial)
		public void buildAndCheckTheyAgree(Engines engines) {
			this.gaf = new GafRuleUnit(engines.gaf, shippedFiles(Programme.GAF).get(0));
			for (GafInput input : engines.gafInputs) {
				if (!this.gaf.decide(input, Locale.ENGLISH).equals(engines.gaf.decide(input, Locale.ENGLISH))) {
					throw new IllegalStateException("The rule units disagree on " + input);
				}
			}
		}

	}

	/** Each thread's position in the inputs. */
	@State(Scope.Thread)
	public static class Cursor {

		int next;

		int advance() {
			this.next = (this.next + 1) & (SampleInputs.COUNT - 1);
			return this.next;
		}

		/** The start of the next batch of {@value DecisionBenchmark#BATCH} inputs. */
		int advanceBatch() {
			this.next = (this.next + BATCH) & (SampleInputs.COUNT - 1);
			return this.next;
		}

	}

	@Benchmark
	public Decision gafPassage(Engines engines, Cursor cursor) {
		return engines.gaf.decide(engines.gafInputs.get(cursor.advance()), Locale.ENGLISH);
	}

	/** The engine before ADR 0008: a new Drools session per decision. */
	@Benchmark
	public Decision gafPassageNewSession(Engines engines, Cursor cursor) {
		return EngineRoutes.decideInNewSession(engines.gaf, engines.gafInputs.get(cursor.advance()), Locale.ENGLISH);
	}

	/** Batch and replay: {@value #BATCH} decisions on one session, time per decision. */
	@Benchmark
	@OperationsPerInvocation(BATCH)
	public List<Decision> gafPassageBatch(Engines engines, Cursor cursor) {
		int from = cursor.advanceBatch();
		return engines.gaf.decideAll(engines.gafInputs.subList(from, from + BATCH), Locale.ENGLISH);
	}

	/** One fireAllRules per stage, as before ADR 0011. */
	@Benchmark
	public Decision gafPassageOneFirePerStage(Engines engines, Cursor cursor) {
		return engines.gafOneFirePerStage.decide(engines.gafInputs.get(cursor.advance()), Locale.ENGLISH);
	}

	@Benchmark
	public Decision gafExecutableModel(Engines engines, Cursor cursor) {
		return engines.gafExecutableModel.decide(engines.gafInputs.get(cursor.advance()), Locale.ENGLISH);
	}

	@Benchmark
	public Decision gafRuleUnit(Engines engines, Units units, Cursor cursor) {
		return units.gaf.decide(engines.gafInputs.get(cursor.advance()), Locale.ENGLISH);
	}

	@Benchmark
	public Decision gafAlphaNetworkCompiler(Engines engines, Cursor cursor) {
		return engines.gafAlphaNetworkCompiler.decide(engines.gafInputs.get(cursor.advance()), Locale.ENGLISH);
	}

	@Benchmark
	public PlainJavaPolicy.Outcome gafPlainJava(Engines engines, Cursor cursor) {
		return PlainJavaPolicy.gaf(engines.gafInputs.get(cursor.advance()));
	}

	@Benchmark
	public PlainJavaPolicy.Outcome gafCamundaDmn(Engines engines, Cursor cursor) {
		return engines.dmn.decide(engines.gafInputs.get(cursor.advance()));
	}

	/** The same DMN, written for Camunda's fastest expression languages. */
	@Benchmark
	public PlainJavaPolicy.Outcome gafCamundaDmnJuel(Engines engines, Cursor cursor) {
		return engines.dmnJuel.decide(engines.gafInputs.get(cursor.advance()));
	}

	/** The same DMN on Drools' own DMN engine. */
	@Benchmark
	public PlainJavaPolicy.Outcome gafDroolsDmn(Engines engines, Cursor cursor) {
		return engines.droolsDmn.decide(engines.gafInputs.get(cursor.advance()));
	}

	@Benchmark
	public Decision hasmPassage(Engines engines, Cursor cursor) {
		return engines.hasm.decide(engines.hasmInputs.get(cursor.advance()), Locale.ENGLISH);
	}

	@Benchmark
	public PlainJavaPolicy.Outcome hasmPlainJava(Engines engines, Cursor cursor) {
		return PlainJavaPolicy.hasm(engines.hasmInputs.get(cursor.advance()));
	}

	@Benchmark
	public Decision reintegrationPassage(Engines engines, Cursor cursor) {
		return engines.reintegration.decide(engines.reintegrationInputs.get(cursor.advance()), Locale.ENGLISH);
	}

	@Benchmark
	public PlainJavaPolicy.Outcome reintegrationPlainJava(Engines engines, Cursor cursor) {
		return PlainJavaPolicy.reintegration(engines.reintegrationInputs.get(cursor.advance()));
	}

	static Ruleset shipped(Programme programme) {
		return RulesetCompiler.compile(programme, programme.definition().tableFolder(), shippedFiles(programme))
			.orThrow();
	}

	/** The shipped workbook of a programme, from the decision-tables jar. */
	static List<TableFile> shippedFiles(Programme programme) {
		String folder = programme.definition().tableFolder();
		String name = folder + ".xlsx";
		try (InputStream in = DecisionBenchmark.class.getResourceAsStream("/decision-tables/" + folder + "/" + name)) {
			return List.of(new TableFile(name, in.readAllBytes()));
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/** {@link Ruleset#decideAll} agrees with the floor, and with deciding one by one. */
	private static <I extends Record> void agreeInBatches(List<I> inputs, Ruleset ruleset,
			Function<I, PlainJavaPolicy.Outcome> other) {
		List<Decision> batch = ruleset.decideAll(inputs, Locale.ENGLISH);
		for (int i = 0; i < inputs.size(); i++) {
			I input = inputs.get(i);
			if (!same(other.apply(input), outcome(batch.get(i)))
					|| !batch.get(i).equals(ruleset.decide(input, Locale.ENGLISH))) {
				throw new IllegalStateException("A batch decides differently on " + input + "\n  batch: "
						+ outcome(batch.get(i)) + "\n  other: " + other.apply(input));
			}
		}
	}

	private static <I extends Record> void agree(List<I> inputs, Ruleset ruleset,
			Function<I, PlainJavaPolicy.Outcome> other) {
		for (I input : inputs) {
			Decision decision = ruleset.decide(input, Locale.ENGLISH);
			PlainJavaPolicy.Outcome expected = other.apply(input);
			PlainJavaPolicy.Outcome actual = outcome(decision);
			if (!same(expected, actual)) {
				throw new IllegalStateException(
						"Engines disagree on " + input + "\n  tables: " + actual + "\n  other:  " + expected);
			}
		}
	}

	/**
	 * A decision in the floor's terms: the reintegration outputs are null for GAF and
	 * HASM.
	 */
	private static PlainJavaPolicy.Outcome outcome(Decision decision) {
		if (decision instanceof ReintegrationDecision package_) {
			return new PlainJavaPolicy.Outcome(decision.decision(), decision.route(), decision.components(),
					decision.grantedAmount(), decision.approvalLevel(), decision.priority(), decision.reasonCodes(),
					package_.tier(), package_.delivery(), package_.monitoringMonths());
		}
		return new PlainJavaPolicy.Outcome(decision.decision(), decision.route(), decision.components(),
				decision.grantedAmount(), decision.approvalLevel(), decision.priority(), decision.reasonCodes(), null,
				null, null);
	}

	private static boolean same(PlainJavaPolicy.Outcome a, PlainJavaPolicy.Outcome b) {
		return a.decision() == b.decision() && a.route() == b.route() && a.components().equals(b.components())
				&& a.grantedAmount().compareTo(b.grantedAmount()) == 0 && a.approvalLevel() == b.approvalLevel()
				&& a.priority() == b.priority() && a.reasons().equals(b.reasons()) && a.tier() == b.tier()
				&& a.delivery() == b.delivery() && java.util.Objects.equals(a.monitoringMonths(), b.monitoringMonths());
	}

}
