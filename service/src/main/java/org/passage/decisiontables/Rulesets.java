package org.passage.decisiontables;

import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.passage.decisiontables.internal.RulesetStore;
import org.passage.decisiontables.internal.StoredRuleset;
import org.passage.rules.decision.Programme;
import org.passage.rules.engine.DecisionEngine;
import org.passage.rules.engine.Ruleset;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

/**
 * Every ruleset version Passage has stored, by id: the live one of each programme, the
 * one that was live at a past instant, or any recorded decision's own. Stored versions
 * are compiled once, on first use, or kept from the check that sent them to review on
 * this node; a version that passed validation is not analysed again.
 */
@Service
public class Rulesets {

	private static final Logger log = LoggerFactory.getLogger(Rulesets.class);

	/** A compiled ruleset and the id it is stored under. */
	public record Versioned(long id, Ruleset ruleset) {
	}

	/** No ruleset was live for the programme at the instant asked for. */
	public static class NotLiveException extends RuntimeException {

		public NotLiveException(Programme programme, Instant instant) {
			super("No " + programme + " ruleset was live at " + instant);
		}

	}

	private final DecisionEngine engine;

	private final RulesetStore store;

	private final Map<Long, Ruleset> compiled = new ConcurrentHashMap<>();

	/**
	 * Stored ids by content hash: a version's id never changes, so one query per version.
	 */
	private final Map<String, Long> ids = new ConcurrentHashMap<>();

	Rulesets(DecisionEngine engine, RulesetStore store) {
		this.engine = engine;
		this.store = store;
	}

	/** The live ruleset of {@code programme}. */
	public Versioned live(Programme programme) {
		Ruleset ruleset = this.engine.active(programme);
		long id = this.ids.computeIfAbsent(programme + ":" + ruleset.version().hash(),
				key -> this.store.idOf(programme, ruleset.version().hash()));
		this.compiled.putIfAbsent(id, ruleset);
		return new Versioned(id, ruleset);
	}

	/** The ruleset that was live for {@code programme} at {@code instant}. */
	public Versioned liveAt(Programme programme, Instant instant) {
		return this.store.activeAt(programme, instant)
			.map(this::version)
			.orElseThrow(() -> new NotLiveException(programme, instant));
	}

	/** The stored version with these files (a recorded decision names its hash). */
	public Versioned ofHash(Programme programme, String hash) {
		long id = this.ids.computeIfAbsent(programme + ":" + hash, key -> this.store.idOf(programme, hash));
		return version(id);
	}

	/** Whether this node has compiled the stored version {@code id} already. */
	public boolean isCompiled(long id) {
		return this.compiled.containsKey(id);
	}

	/** A stored version, compiled from its stored files. */
	public Versioned version(long id) {
		Ruleset ruleset = this.compiled.computeIfAbsent(id, key -> {
			StoredRuleset stored = this.store.find(key)
				.orElseThrow(() -> new IllegalArgumentException("No ruleset " + key));
			Ruleset made = stored.compile(this.store.files(key)).orThrow();
			log.info("Compiled ruleset version {}: {}", key, made.version());
			return made;
		});
		return new Versioned(id, ruleset);
	}

	/**
	 * Keeps what validating stored version {@code id} for its review compiled, so that
	 * this node has it when the version is approved. A version's files never change, so
	 * neither does what they compile to.
	 */
	void keep(long id, Ruleset ruleset) {
		this.compiled.putIfAbsent(id, ruleset);
	}

}
