package org.passage.rules.engine;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.atomic.AtomicInteger;

import org.kie.api.KieBase;
import org.kie.api.runtime.KieSession;
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

	private final ConcurrentLinkedDeque<KieSession> idle = new ConcurrentLinkedDeque<>();

	private final AtomicInteger idleCount = new AtomicInteger();

	Ruleset(Programme programme, RulesetVersion version, KieBase kieBase, List<Stage> stages, ReasonMessages messages,
			int ruleCount) {
		this.programme = programme;
		this.version = version;
		this.kieBase = kieBase;
		this.stages = List.copyOf(stages);
		this.messages = messages;
		this.ruleCount = ruleCount;
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
		KieSession session = borrow();
		Decision decision = decide(session, definition, input, locale);
		giveBack(session);
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
		KieSession session = borrow();
		for (Record input : inputs) {
			decisions.add(decide(session, definition, input, locale));
		}
		giveBack(session);
		return decisions;
	}

	private KieSession borrow() {
		KieSession session = this.idle.pollFirst();
		if (session == null) {
			return this.kieBase.newKieSession();
		}
		this.idleCount.decrementAndGet();
		return session;
	}

	private void giveBack(KieSession session) {
		if (this.idleCount.incrementAndGet() <= MAX_IDLE_SESSIONS) {
			this.idle.offerFirst(session);
		}
		else {
			this.idleCount.decrementAndGet();
			session.dispose();
		}
	}

	/**
	 * One decision on {@code session}, which must be empty; it is empty again when this
	 * returns. If it throws, the session has been disposed.
	 */
	private <D extends Draft, R extends Decision> R decide(KieSession session, ProgrammeDefinition<?, D, R> definition,
			Record input, Locale locale) {
		D draft;
		try {
			draft = definition.draft(input);
			session.setGlobal("out", draft);
			FactHandle inputHandle = session.insert(input);
			for (Stage stage : this.stages) {
				draft.enter(stage.table());
				FactHandle outcome = session.insert(draft.snapshot());
				session.getAgenda().getAgendaGroup(stage.group()).setFocus();
				int fired = session.fireAllRules();
				session.delete(outcome);
				if (stage.firstHit() && fired == 0) {
					throw new UndecidedException(stage.table(), input);
				}
			}
			session.delete(inputHandle);
		}
		catch (RuntimeException | Error ex) {
			session.dispose();
			throw ex;
		}
		List<Reason> reasons = new ArrayList<>(draft.hits().size());
		for (Draft.Hit hit : draft.hits()) {
			reasons.add(new Reason(hit.code(), hit.table(), hit.row(), this.messages.message(hit.code(), locale)));
		}
		return definition.decision(draft, reasons, this.version);
	}

	/** The compiled rules, for the engine's own benchmarks and tests. */
	KieBase kieBase() {
		return this.kieBase;
	}

	/** The stages in the order they run, for the engine's own benchmarks and tests. */
	List<Stage> stages() {
		return this.stages;
	}

	/** The reason messages, for the engine's own benchmarks and tests. */
	ReasonMessages messages() {
		return this.messages;
	}

}
