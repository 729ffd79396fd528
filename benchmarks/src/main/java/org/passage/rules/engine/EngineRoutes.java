package org.passage.rules.engine;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.kie.api.runtime.KieSession;
import org.kie.api.runtime.rule.FactHandle;
import org.passage.rules.decision.Decision;
import org.passage.rules.decision.Programme;
import org.passage.rules.decision.Reason;
import org.passage.rules.table.TableFile;

/**
 * The routes to a faster engine that ADR 0008 measured, beside the one {@link Ruleset}
 * takes. It sits in the engine's package so that it can reach the compiled rules and
 * stages; it is benchmark code, not shipped.
 */
public final class EngineRoutes {

	private EngineRoutes() {
	}

	/** The same tables built as Drools' executable model. */
	public static Ruleset executableModel(Programme programme, String label, List<TableFile> files) {
		return RulesetCompiler.compile(programme, label, files, RulesetCompiler.Build.EXECUTABLE_MODEL).orThrow();
	}

	/**
	 * The same tables built as Drools' executable model with the alpha-network compiler.
	 */
	public static Ruleset alphaNetworkCompiler(Programme programme, String label, List<TableFile> files) {
		return RulesetCompiler
			.compile(programme, label, files, RulesetCompiler.Build.EXECUTABLE_MODEL_ALPHA_NETWORK_COMPILER)
			.orThrow();
	}

	/**
	 * The same ruleset with one {@code fireAllRules} per stage: the engine before ADR
	 * 0011 merged the stages that read only the input into the fire before them.
	 */
	public static Ruleset oneFirePerStage(Ruleset ruleset) {
		return ruleset.withOneFirePerStage();
	}

	/**
	 * The same ruleset inserting the outcome so far before every fire, as ADR 0011 first
	 * did, whether the fire's tables read it or not.
	 */
	public static Ruleset outcomeInEveryFire(Ruleset ruleset) {
		return ruleset.withOutcomeInEveryFire();
	}

	/**
	 * The same ruleset on Drools' default, thread-safe sessions: the engine before ADR
	 * 0012.
	 */
	public static Ruleset threadSafeSessions(Ruleset ruleset) {
		return ruleset.withThreadSafeSessions();
	}

	/**
	 * The engine before ADR 0008: a new session for every decision, disposed after it.
	 */
	public static Decision decideInNewSession(Ruleset ruleset, Record input, Locale locale) {
		return decideInNewSession(ruleset, ruleset.programme().definition(), input, locale);
	}

	private static <D extends Draft, R extends Decision> R decideInNewSession(Ruleset ruleset,
			ProgrammeDefinition<?, D, R> definition, Record input, Locale locale) {
		D draft = definition.draft(input);
		KieSession session = ruleset.kieBase().newKieSession();
		try {
			session.setGlobal("out", draft);
			session.insert(input);
			for (Stage stage : ruleset.stages()) {
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
			reasons.add(new Reason(hit.code(), hit.table(), hit.row(), ruleset.messages().message(hit.code(), locale)));
		}
		return definition.decision(draft, reasons, ruleset.version());
	}

}
