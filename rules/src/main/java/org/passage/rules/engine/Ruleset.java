package org.passage.rules.engine;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.kie.api.KieBase;
import org.kie.api.runtime.KieSession;
import org.kie.api.runtime.rule.FactHandle;
import org.passage.rules.decision.Decision;
import org.passage.rules.decision.Programme;
import org.passage.rules.decision.Reason;
import org.passage.rules.decision.RulesetVersion;

/**
 * A compiled, immutable ruleset for one programme. Any number of threads may call
 * {@link #decide} at once: each evaluation has its own Drools session and draft, and the
 * shared {@link KieBase} is only read.
 */
public final class Ruleset {

	private final Programme programme;

	private final RulesetVersion version;

	private final KieBase kieBase;

	private final List<Stage> stages;

	private final ReasonMessages messages;

	private final int ruleCount;

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
		return decide(this.programme.definition(), input, locale);
	}

	private <D extends Draft, R extends Decision> R decide(ProgrammeDefinition<?, D, R> definition, Record input,
			Locale locale) {
		D draft = definition.draft(input);
		// A new session per decision. Reusing sessions is faster, but a pooled session
		// reset by Drools 10.2 no longer lets an activation group stop the rows below the
		// first match (benchmarks caught several deciding rows firing), and a row without
		// conditions fires only once per session.
		KieSession session = this.kieBase.newKieSession();
		try {
			session.setGlobal("out", draft);
			session.insert(input);
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
		}
		finally {
			session.dispose();
		}
		List<Reason> reasons = new ArrayList<>(draft.hits().size());
		for (Draft.Hit hit : draft.hits()) {
			reasons.add(new Reason(hit.code(), hit.table(), hit.row(), this.messages.message(hit.code(), locale)));
		}
		return definition.decision(draft, reasons, this.version);
	}

}
