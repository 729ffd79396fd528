package org.passage.rules.engine;

import java.io.ByteArrayInputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.drools.compiler.kie.builder.impl.InternalKieModule;
import org.drools.core.common.ReteEvaluator;
import org.drools.decisiontable.InputType;
import org.drools.decisiontable.SpreadsheetCompiler;
import org.drools.model.codegen.ExecutableModelProject;
import org.drools.model.codegen.execmodel.CanonicalModelKieProject;
import org.drools.ruleunits.api.DataHandle;
import org.drools.ruleunits.api.DataSource;
import org.drools.ruleunits.api.DataStore;
import org.drools.ruleunits.api.RuleUnit;
import org.drools.ruleunits.api.RuleUnitData;
import org.drools.ruleunits.api.RuleUnitInstance;
import org.drools.ruleunits.api.RuleUnitProvider;
import org.drools.ruleunits.api.conf.RuleConfig;
import org.drools.ruleunits.impl.AbstractRuleUnitInstance;
import org.drools.ruleunits.impl.InternalRuleUnit;
import org.kie.api.KieServices;
import org.kie.api.builder.KieBuilder;
import org.kie.api.builder.KieFileSystem;
import org.kie.api.builder.Message;
import org.kie.api.event.rule.BeforeMatchFiredEvent;
import org.kie.api.event.rule.DefaultAgendaEventListener;
import org.kie.api.runtime.conf.ThreadSafeOption;
import org.passage.rules.decision.GafDecision;
import org.passage.rules.decision.Programme;
import org.passage.rules.decision.Reason;
import org.passage.rules.facts.GafInput;
import org.passage.rules.table.TableFile;

/**
 * GAF's tables as Drools rule units (ADR 0012), for the engine race: the DRL Drools'
 * spreadsheet compiler makes of the shipped workbook, turned mechanically into units'
 * (patterns become OOPath over the units' data stores, the global {@code out} a unit
 * field), built at run time on the executable model the way {@code RuleUnitProvider}
 * builds a unit it finds on the class path. A rule of a unit may not have a ruleflow
 * group, so each fire of the chosen route becomes a unit of its own: the eligibility
 * table, then the adjustments with the priority (whose rows' salience already puts the
 * adjustments first). Both units' instances are reused and share the input's store, and
 * run without Drools' thread-safe mode, like {@link Ruleset}'s sessions. One thread at a
 * time; benchmark code, not shipped.
 */
public final class GafRuleUnit {

	/**
	 * A pattern of a generated rule on the input or the outcome, with its constraints.
	 */
	private static final Pattern PATTERN = Pattern
		.compile("(?m)^(\\s*(?:\\$\\w+:\\s*)?)(GafInput|(?:org\\.passage\\.rules\\.engine\\.)?Outcome)\\((.*)\\)\\s*$");

	private static final Pattern RULEFLOW_GROUP = Pattern.compile("(?m)^\\s*ruleflow-group\\s+\"([^\"]+)\"\\s*$");

	private final Ruleset ruleset;

	private final DataStore<GafInput> inputs = DataSource.createStore();

	private final GafAdjustmentsUnit adjustments = new GafAdjustmentsUnit(this.inputs);

	private final RuleUnitInstance<GafEligibilityUnit> first;

	private final RuleUnitInstance<GafAdjustmentsUnit> second;

	private final ReteEvaluator[] evaluators;

	/** The stage of each rule, by name. */
	private final Map<String, Integer> stageOfRule = new HashMap<>();

	private final int[] fired;

	private GafDraft draft;

	/**
	 * @param ruleset the shipped GAF ruleset, for its stages, messages and version
	 * @param workbook the shipped GAF workbook
	 */
	@SuppressWarnings("unchecked")
	public GafRuleUnit(Ruleset ruleset, TableFile workbook) {
		this.ruleset = ruleset;
		List<Stage> stages = ruleset.stages();
		if (stages.size() != 3 || !Arrays.equals(ruleset.outcomeInsertedPerFire(), new boolean[] { false, true })) {
			throw new IllegalStateException("GAF is no longer eligibility, then adjustments with priority");
		}
		this.fired = new int[stages.size()];
		String drl = RulesetCompiler.matchEveryStage(
				new SpreadsheetCompiler().compile(new ByteArrayInputStream(workbook.content()), InputType.XLS));
		Map<String, String> groups = RulesetCompiler.ruleflowGroups(drl);
		groups.forEach((rule, group) -> {
			for (int s = 0; s < stages.size(); s++) {
				if (stages.get(s).group().equals(group)) {
					this.stageOfRule.put(rule.substring(rule.indexOf('/') + 1), s);
				}
			}
		});
		// RuleConfig cannot choose the thread-safe mode; a generated unit reads it from
		// its
		// rule base's session configuration, which reads this property when it is made.
		String threadSafe = System.getProperty(ThreadSafeOption.PROPERTY_NAME);
		System.setProperty(ThreadSafeOption.PROPERTY_NAME, "false");
		try {
			Map<Class<?>, RuleUnit<?>> units = build(
					unitDrl(drl, GafEligibilityUnit.class, Set.of(stages.get(0).group())),
					unitDrl(drl, GafAdjustmentsUnit.class, Set.of(stages.get(1).group(), stages.get(2).group())));
			this.first = ((RuleUnit<GafEligibilityUnit>) units.get(GafEligibilityUnit.class))
				.createInstance(new GafEligibilityUnit(this.inputs), config(stages));
			this.second = ((RuleUnit<GafAdjustmentsUnit>) units.get(GafAdjustmentsUnit.class))
				.createInstance(this.adjustments, config(stages));
		}
		finally {
			if (threadSafe == null) {
				System.clearProperty(ThreadSafeOption.PROPERTY_NAME);
			}
			else {
				System.setProperty(ThreadSafeOption.PROPERTY_NAME, threadSafe);
			}
		}
		this.evaluators = new ReteEvaluator[] {
				((AbstractRuleUnitInstance<ReteEvaluator, GafEligibilityUnit>) this.first).getEvaluator(),
				((AbstractRuleUnitInstance<ReteEvaluator, GafAdjustmentsUnit>) this.second).getEvaluator() };
	}

	private RuleConfig config(List<Stage> stages) {
		RuleConfig config = RuleUnitProvider.get().newRuleConfig();
		config.getAgendaEventListeners().add(new DefaultAgendaEventListener() {
			@Override
			public void beforeMatchFired(BeforeMatchFiredEvent event) {
				Integer stage = GafRuleUnit.this.stageOfRule.get(event.getMatch().getRule().getName());
				if (stage != null) {
					GafRuleUnit.this.fired[stage]++;
					GafRuleUnit.this.draft.enter(stages.get(stage).table());
				}
			}
		});
		return config;
	}

	/**
	 * The rules of {@code groups} in a generated DRL, as a unit of {@code unit}: no
	 * ruleflow group, patterns over the unit's stores.
	 */
	static String unitDrl(String drl, Class<? extends RuleUnitData> unit, Set<String> groups) {
		String[] parts = drl.split("(?m)^(?=\\s*rule\\s+\")");
		StringBuilder out = new StringBuilder();
		String head = parts[0]
			.replaceFirst("(?m)^package\\s+[\\w.]+;",
					"package " + GafRuleUnit.class.getPackageName() + ";\nunit " + unit.getSimpleName() + ";")
			.replaceFirst("(?m)^global\\s+[\\w.]+\\s+out;\\s*$", "");
		out.append(head);
		for (int i = 1; i < parts.length; i++) {
			Matcher group = RULEFLOW_GROUP.matcher(parts[i]);
			if (group.find() && groups.contains(group.group(1))) {
				out.append(group.replaceAll(""));
			}
		}
		return PATTERN.matcher(out).replaceAll(match -> {
			String store = match.group(2).endsWith("Outcome") ? "/outcomes" : "/inputs";
			String constraints = match.group(3).trim();
			return Matcher
				.quoteReplacement(match.group(1) + store + (constraints.isEmpty() ? "" : "[" + constraints + "]"));
		});
	}

	private static Map<Class<?>, RuleUnit<?>> build(String... drls) {
		KieServices kie = KieServices.get();
		KieFileSystem kfs = kie.newKieFileSystem();
		for (int i = 0; i < drls.length; i++) {
			kfs.write("src/main/resources/" + GafRuleUnit.class.getPackageName().replace('.', '/') + "/gaf-unit-" + i
					+ ".drl", drls[i]);
		}
		KieBuilder builder = kie.newKieBuilder(kfs);
		InternalKieModule module = (InternalKieModule) builder.getKieModule(ExecutableModelProject.class);
		List<Message> errors = builder.getResults().getMessages(Message.Level.ERROR);
		if (!errors.isEmpty()) {
			throw new IllegalStateException("The GAF units do not build: " + errors + "\n" + String.join("\n", drls));
		}
		ClassLoader classes = new CanonicalModelKieProject(module, module.getModuleClassLoader()).getClassLoader();
		Map<Class<?>, RuleUnit<?>> units = new HashMap<>();
		for (RuleUnit<?> unit : ServiceLoader.load(RuleUnit.class, classes)) {
			units.put(((InternalRuleUnit<?>) unit).getRuleUnitDataClass(), unit);
		}
		return units;
	}

	/** Whether the units' evaluators run in Drools' thread-safe mode. */
	public boolean threadSafe() {
		return this.evaluators[0].getRuleSessionConfiguration().isThreadSafe();
	}

	/**
	 * Decides {@code input} as {@link Ruleset#decide} does, on the two units' instances.
	 */
	public GafDecision decide(GafInput input, Locale locale) {
		@SuppressWarnings("unchecked")
		ProgrammeDefinition<?, GafDraft, GafDecision> gaf = (ProgrammeDefinition<?, GafDraft, GafDecision>) Programme.GAF
			.definition();
		GafDraft draft = gaf.draft(input);
		this.draft = draft;
		Arrays.fill(this.fired, 0);
		// The units' variable out is bound as a global of their evaluators when an
		// instance is made; each decision puts its own draft there, as Ruleset does.
		for (ReteEvaluator evaluator : this.evaluators) {
			evaluator.setGlobal("out", draft);
		}
		DataHandle inputHandle = this.inputs.add(input);
		this.first.fire();
		DataHandle outcome = this.adjustments.getOutcomes().add(draft.snapshot());
		this.second.fire();
		this.adjustments.getOutcomes().remove(outcome);
		this.inputs.remove(inputHandle);
		List<Stage> stages = this.ruleset.stages();
		for (int s = 0; s < stages.size(); s++) {
			if (stages.get(s).firstHit() && this.fired[s] == 0) {
				throw new UndecidedException(stages.get(s).table(), input);
			}
		}
		this.draft = null;
		List<Reason> reasons = new ArrayList<>(draft.hits().size());
		for (Draft.Hit hit : draft.hits()) {
			reasons.add(new Reason(hit.code(), hit.table(), hit.row(),
					this.ruleset.messages().message(hit.code(), locale)));
		}
		return gaf.decision(draft, reasons, this.ruleset.version());
	}

}
