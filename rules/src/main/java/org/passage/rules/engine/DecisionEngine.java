package org.passage.rules.engine;

import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

import org.passage.rules.decision.Decision;
import org.passage.rules.decision.Programme;

/**
 * The live rulesets, one per programme. A decision reads the ruleset reference once, so a
 * swap to a new version is atomic: a decision runs wholly on the old version or wholly on
 * the new, never on a mix.
 */
public final class DecisionEngine {

	private final Map<Programme, AtomicReference<Ruleset>> live = new EnumMap<>(Programme.class);

	public DecisionEngine(Iterable<Ruleset> rulesets) {
		for (Programme programme : Programme.values()) {
			this.live.put(programme, new AtomicReference<>());
		}
		rulesets.forEach(this::activate);
	}

	/**
	 * Makes {@code ruleset} the live one for its programme; returns the one it replaced,
	 * if any.
	 */
	public Ruleset activate(Ruleset ruleset) {
		return this.live.get(ruleset.programme()).getAndSet(ruleset);
	}

	/** The live ruleset of {@code programme}. */
	public Ruleset active(Programme programme) {
		Ruleset ruleset = this.live.get(programme).get();
		if (ruleset == null) {
			throw new IllegalStateException("No ruleset is live for " + programme);
		}
		return ruleset;
	}

	/** Decides {@code input} under the live ruleset of {@code programme}. */
	public Decision decide(Programme programme, Record input, Locale locale) {
		return active(programme).decide(input, locale);
	}

}
