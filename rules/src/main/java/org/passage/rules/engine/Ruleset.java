package org.passage.rules.engine;

import java.math.BigDecimal;
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
import org.passage.rules.facts.GafInput;
import org.passage.rules.facts.HasmInput;
import org.passage.rules.facts.ReintegrationInput;

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
		return Programmes.inputType(this.programme);
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
		Draft draft = Programmes.draftFor(this.programme, input);
		// A new session per decision. Reusing sessions is faster, but a pooled session
		// reset by Drools
		// 10.2 no longer lets an activation group stop the rows below the first match
		// (benchmarks
		// caught several deciding rows firing), and a row without conditions fires only
		// once per session.
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
		return toDecision(draft, locale);
	}

	private Decision toDecision(Draft draft, Locale locale) {
		List<Reason> reasons = new ArrayList<>(draft.hits().size());
		for (Draft.Hit hit : draft.hits()) {
			reasons.add(new Reason(hit.code(), hit.table(), hit.row(), this.messages.message(hit.code(), locale)));
		}
		if (draft instanceof ReintegrationDraft package_) {
			BigDecimal cash = package_.arrivalCash();
			BigDecimal inKind = package_.inKindBudget();
			return new Decision(this.programme, draft.decision, draft.route, draft.components, cash.add(inKind),
					draft.approvalLevel, draft.priority, reasons, this.version, package_.tier(), cash, inKind,
					package_.delivery(), package_.monitoringMonths());
		}
		return new Decision(this.programme, draft.decision, draft.route, draft.components, draft.grantedAmount,
				draft.approvalLevel, draft.priority, reasons, this.version, null, null, null, null, null);
	}

	/** Maps each programme to its input type and table vocabulary. */
	static final class Programmes {

		private Programmes() {
		}

		static Draft draftFor(Programme programme, Record input) {
			if (!inputType(programme).isInstance(input)) {
				throw new IllegalArgumentException(programme + " decides " + inputType(programme).getSimpleName()
						+ ", not " + input.getClass().getSimpleName());
			}
			return switch (programme) {
				case GAF -> new GafDraft((GafInput) input);
				case HASM -> new HasmDraft((HasmInput) input);
				case REINTEGRATION -> new ReintegrationDraft((ReintegrationInput) input);
			};
		}

		static Class<? extends Record> inputType(Programme programme) {
			return switch (programme) {
				case GAF -> GafInput.class;
				case HASM -> HasmInput.class;
				case REINTEGRATION -> ReintegrationInput.class;
			};
		}

		static Class<? extends Draft> draftType(Programme programme) {
			return switch (programme) {
				case GAF -> GafDraft.class;
				case HASM -> HasmDraft.class;
				case REINTEGRATION -> ReintegrationDraft.class;
			};
		}

	}

}
