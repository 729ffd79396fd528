package org.passage.rules.engine;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.atomic.AtomicInteger;

import org.kie.api.KieBase;
import org.kie.api.KieServices;
import org.kie.api.definition.KiePackage;
import org.kie.api.definition.rule.Rule;
import org.kie.api.event.rule.BeforeMatchFiredEvent;
import org.kie.api.event.rule.DefaultAgendaEventListener;
import org.kie.api.runtime.KieSession;
import org.kie.api.runtime.KieSessionConfiguration;
import org.kie.api.runtime.conf.ThreadSafeOption;
import org.kie.api.runtime.rule.Agenda;
import org.kie.api.runtime.rule.FactHandle;
import org.passage.rules.decision.Decision;
import org.passage.rules.decision.Programme;
import org.passage.rules.decision.Reason;
import org.passage.rules.decision.RulesetVersion;

/**
 * A compiled, immutable ruleset for one programme. Any number of threads may call
 * {@link #decide} at once: each evaluation has its own draft and a Drools session that no
 * other evaluation uses while it runs, and the shared {@link KieBase} is only read.
 *
 * <p>
 * Sessions are reused (ADR 0008): a decision borrows an idle session, inserts its input,
 * runs the stages, and deletes every fact it inserted before the session goes back. A
 * session is therefore empty between decisions, and every decision starts from the same
 * state as in a new session. A session whose decision failed is disposed, never reused.
 *
 * <p>
 * A stage whose table reads only the input fires together with the stage before it (ADR
 * 0011): one {@code fireAllRules} runs both ruleflow groups in order, and a listener
 * tells which stage each fired row belongs to, for its reason's table and for the
 * first-hit check. GAF's three stages take two fires.
 *
 * <p>
 * Sessions are not thread-safe in Drools' sense (ADR 0012): one thread at a time uses a
 * session, the one whose decision borrowed it, and the deque that lends sessions orders
 * what one borrower did before the next begins. Drools' thread-safe mode guards a session
 * against other threads inserting while it fires, which never happens here, and costs a
 * lock and a synchronized queue on every insert and fire.
 */
public final class Ruleset {

	/** Idle sessions kept for reuse; enough for every core, more are disposed. */
	static final int MAX_IDLE_SESSIONS = Math.max(8, 4 * Runtime.getRuntime().availableProcessors());

	private final Programme programme;

	private final RulesetVersion version;

	private final KieBase kieBase;

	private final List<Stage> stages;

	private final ReasonMessages messages;

	private final int ruleCount;

	/** The stage of each compiled rule, by identity. */
	private final Map<Rule, Integer> stageOfRule;

	/** The stages each {@code fireAllRules} runs, as indexes into {@link #stages}. */
	private final int[][] fires;

	/**
	 * Whether each fire needs the outcome so far as a fact: only when a row of one of its
	 * stages matches on it (a condition reading it, or no condition at all). GAF's
	 * eligibility fire matches on the input only.
	 */
	private final boolean[] outcomeRead;

	/** Whether {@link #outcomeRead} was worked out, or set for every fire. */
	private final boolean outcomeOnlyWhereRead;

	/** Whether new sessions are thread-safe, as Drools makes them unless told not to. */
	private final boolean threadSafeSessions;

	private final ConcurrentLinkedDeque<Lane> idle = new ConcurrentLinkedDeque<>();

	private final AtomicInteger idleCount = new AtomicInteger();

	/**
	 * @param groups the ruleflow group of each rule, by
	 * {@link RulesetCompiler#ruleKey(String, String) package and name}
	 */
	Ruleset(Programme programme, RulesetVersion version, KieBase kieBase, List<Stage> stages,
			Map<String, String> groups, ReasonMessages messages, int ruleCount) {
		this(programme, version, kieBase, stages, stagesOfRules(kieBase, stages, groups), messages, ruleCount,
				fires(stages, true), true, false);
	}

	private Ruleset(Programme programme, RulesetVersion version, KieBase kieBase, List<Stage> stages,
			Map<Rule, Integer> stageOfRule, ReasonMessages messages, int ruleCount, int[][] fires,
			boolean outcomeOnlyWhereRead, boolean threadSafeSessions) {
		this.programme = programme;
		this.version = version;
		this.kieBase = kieBase;
		this.stages = List.copyOf(stages);
		this.stageOfRule = stageOfRule;
		this.messages = messages;
		this.ruleCount = ruleCount;
		this.fires = fires;
		this.outcomeOnlyWhereRead = outcomeOnlyWhereRead;
		this.threadSafeSessions = threadSafeSessions;
		this.outcomeRead = new boolean[fires.length];
		for (int f = 0; f < fires.length; f++) {
			for (int s : fires[f]) {
				this.outcomeRead[f] |= !outcomeOnlyWhereRead || this.stages.get(s).matchesOutcome();
			}
		}
	}

	/**
	 * The same ruleset with one {@code fireAllRules} per stage on thread-safe sessions,
	 * as before ADR 0011: for the engine's own benchmarks and tests.
	 */
	Ruleset withOneFirePerStage() {
		return new Ruleset(this.programme, this.version, this.kieBase, this.stages, this.stageOfRule, this.messages,
				this.ruleCount, fires(this.stages, false), false, true);
	}

	/**
	 * The same ruleset inserting the outcome so far before every fire, read or not, on
	 * thread-safe sessions, as ADR 0011 first did: for the engine's own benchmarks and
	 * tests.
	 */
	Ruleset withOutcomeInEveryFire() {
		return new Ruleset(this.programme, this.version, this.kieBase, this.stages, this.stageOfRule, this.messages,
				this.ruleCount, this.fires, false, true);
	}

	/**
	 * The same ruleset on Drools' default, thread-safe sessions, as before ADR 0012: for
	 * the engine's own benchmarks and tests.
	 */
	Ruleset withThreadSafeSessions() {
		return new Ruleset(this.programme, this.version, this.kieBase, this.stages, this.stageOfRule, this.messages,
				this.ruleCount, this.fires, this.outcomeOnlyWhereRead, true);
	}

	/**
	 * Groups the stages into fires: a stage that reads only the input joins the fire of
	 * the stage before it, when {@code merge}; every other stage starts a fire.
	 */
	private static int[][] fires(List<Stage> stages, boolean merge) {
		List<int[]> fires = new ArrayList<>();
		for (int s = 0; s < stages.size(); s++) {
			if (merge && !fires.isEmpty() && !stages.get(s).readsOutcome()) {
				int[] last = fires.get(fires.size() - 1);
				int[] joined = Arrays.copyOf(last, last.length + 1);
				joined[last.length] = s;
				fires.set(fires.size() - 1, joined);
			}
			else {
				fires.add(new int[] { s });
			}
		}
		return fires.toArray(int[][]::new);
	}

	private static Map<Rule, Integer> stagesOfRules(KieBase kieBase, List<Stage> stages, Map<String, String> groups) {
		Map<Rule, Integer> stageOfRule = new IdentityHashMap<>();
		for (KiePackage pkg : kieBase.getKiePackages()) {
			for (Rule rule : pkg.getRules()) {
				String group = groups.get(RulesetCompiler.ruleKey(rule.getPackageName(), rule.getName()));
				for (int s = 0; s < stages.size(); s++) {
					if (stages.get(s).group().equals(group)) {
						stageOfRule.put(rule, s);
						break;
					}
				}
			}
		}
		return stageOfRule;
	}

	public Programme programme() {
		return this.programme;
	}

	public RulesetVersion version() {
		return this.version;
	}

	/** The input record this ruleset decides, e.g. {@code GafInput}. */
	public Class<? extends Record> inputType() {
		return this.programme.definition().inputType();
	}

	/** How many table rows compiled into rules. */
	public int ruleCount() {
		return this.ruleCount;
	}

	/**
	 * Decides {@code input}, with reason messages in {@code locale}'s language.
	 * @throws IllegalArgumentException if the input is not this programme's
	 * @throws UndecidedException if a first-hit table has no row for the input
	 */
	public Decision decide(Record input, Locale locale) {
		ProgrammeDefinition<?, ?, ?> definition = this.programme.definition();
		Lane lane = borrow();
		Decision decision = decide(lane, definition, input, locale);
		giveBack(lane);
		return decision;
	}

	/**
	 * Decides every input in order, with reason messages in {@code locale}'s language, on
	 * one session: the same decisions as {@link #decide} called for each input in turn,
	 * for batch and replay.
	 * @throws IllegalArgumentException if an input is not this programme's
	 * @throws UndecidedException if a first-hit table has no row for an input
	 */
	public List<Decision> decideAll(List<? extends Record> inputs, Locale locale) {
		ProgrammeDefinition<?, ?, ?> definition = this.programme.definition();
		List<Decision> decisions = new ArrayList<>(inputs.size());
		Lane lane = borrow();
		for (Record input : inputs) {
			decisions.add(decide(lane, definition, input, locale));
		}
		giveBack(lane);
		return decisions;
	}

	/**
	 * A session with the listener that counts its fired rows by stage and names each
	 * row's table to the draft.
	 */
	private static final class Lane extends DefaultAgendaEventListener {

		final KieSession session;

		private final Map<Rule, Integer> stageOfRule;

		private final List<Stage> stages;

		/** Rows fired per stage in the current decision. */
		final int[] fired;

		Draft draft;

		Lane(KieSession session, Map<Rule, Integer> stageOfRule, List<Stage> stages) {
			this.session = session;
			this.stageOfRule = stageOfRule;
			this.stages = stages;
			this.fired = new int[stages.size()];
			session.addEventListener(this);
		}

		@Override
		public void beforeMatchFired(BeforeMatchFiredEvent event) {
			Integer stage = this.stageOfRule.get(event.getMatch().getRule());
			if (stage != null) {
				this.fired[stage]++;
				this.draft.enter(this.stages.get(stage).table());
			}
		}

	}

	private Lane borrow() {
		Lane lane = this.idle.pollFirst();
		if (lane == null) {
			KieSessionConfiguration conf = KieServices.get().newKieSessionConfiguration();
			conf.setOption(this.threadSafeSessions ? ThreadSafeOption.YES : ThreadSafeOption.NO);
			return new Lane(this.kieBase.newKieSession(conf, null), this.stageOfRule, this.stages);
		}
		this.idleCount.decrementAndGet();
		return lane;
	}

	private void giveBack(Lane lane) {
		lane.draft = null;
		if (this.idleCount.incrementAndGet() <= MAX_IDLE_SESSIONS) {
			this.idle.offerFirst(lane);
		}
		else {
			this.idleCount.decrementAndGet();
			lane.session.dispose();
		}
	}

	/**
	 * One decision on the lane's session, which must be empty; it is empty again when
	 * this returns. If it throws, the session has been disposed.
	 */
	private <D extends Draft, R extends Decision> R decide(Lane lane, ProgrammeDefinition<?, D, R> definition,
			Record input, Locale locale) {
		KieSession session = lane.session;
		D draft;
		try {
			draft = definition.draft(input);
			lane.draft = draft;
			Arrays.fill(lane.fired, 0);
			session.setGlobal("out", draft);
			FactHandle inputHandle = session.insert(input);
			Agenda agenda = session.getAgenda();
			for (int f = 0; f < this.fires.length; f++) {
				int[] fire = this.fires[f];
				FactHandle outcome = this.outcomeRead[f] ? session.insert(draft.snapshot()) : null;
				// The focus is a stack: the fire's first stage goes on top, and runs
				// first.
				for (int i = fire.length - 1; i >= 0; i--) {
					agenda.getAgendaGroup(this.stages.get(fire[i]).group()).setFocus();
				}
				session.fireAllRules();
				if (outcome != null) {
					session.delete(outcome);
				}
				for (int s : fire) {
					Stage stage = this.stages.get(s);
					if (stage.firstHit() && lane.fired[s] == 0) {
						throw new UndecidedException(stage.table(), input);
					}
				}
			}
			session.delete(inputHandle);
		}
		catch (RuntimeException | Error ex) {
			session.dispose();
			throw ex;
		}
		finally {
			lane.draft = null;
		}
		List<Reason> reasons = new ArrayList<>(draft.hits().size());
		for (Draft.Hit hit : draft.hits()) {
			reasons.add(new Reason(hit.code(), hit.table(), hit.row(), this.messages.message(hit.code(), locale)));
		}
		return definition.decision(draft, reasons, this.version);
	}

	/**
	 * Whether the sessions this ruleset lends are in Drools' thread-safe mode, for the
	 * engine's own tests.
	 */
	boolean sessionsThreadSafe() {
		Lane lane = borrow();
		try {
			return lane.session.getSessionConfiguration().getOption(ThreadSafeOption.KEY) == ThreadSafeOption.YES;
		}
		finally {
			giveBack(lane);
		}
	}

	/** The compiled rules, for the engine's own benchmarks and tests. */
	KieBase kieBase() {
		return this.kieBase;
	}

	/**
	 * Whether each fire inserts the outcome so far, for the engine's own benchmarks and
	 * tests.
	 */
	boolean[] outcomeInsertedPerFire() {
		return this.outcomeRead.clone();
	}

	/** The stages in the order they run, for the engine's own benchmarks and tests. */
	List<Stage> stages() {
		return this.stages;
	}

	/**
	 * The policy's wording of a reason code in {@code locale}'s language (English when it
	 * has none): a recorded decision's reasons read in its reader's language.
	 */
	public String reasonMessage(String code, Locale locale) {
		return this.messages.message(code, locale);
	}

	/** The reason messages, for the engine's own benchmarks and tests. */
	ReasonMessages messages() {
		return this.messages;
	}

}
