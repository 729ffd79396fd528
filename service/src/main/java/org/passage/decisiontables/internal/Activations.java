package org.passage.decisiontables.internal;

import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.passage.decisiontables.Rulesets;
import org.passage.decisiontables.Version;
import org.passage.rules.decision.Programme;
import org.passage.rules.engine.DecisionEngine;
import org.passage.rules.engine.Ruleset;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * Activation on every node by polling the registry: an approved version whose
 * {@code effectiveFrom} has come is activated once (whichever node gets there first
 * records it), and every node swaps its engine to the version the activation log names.
 * The swap replaces one reference, so a decision runs on one version, never a mix. Each
 * node compiles the versions in review or approved before they are due, so that the swap
 * is a reference change and not a compilation (a quarter of a second, more on a cold
 * node): every node switches within one poll interval of the activation.
 */
@Component
public class Activations implements SmartLifecycle {

	private static final Logger log = LoggerFactory.getLogger(Activations.class);

	private static final String SCHEDULER = "scheduler";

	private final RulesetStore store;

	private final DecisionEngine engine;

	private final Rulesets rulesets;

	private final Clock clock;

	private final Duration interval;

	private ScheduledExecutorService executor;

	Activations(RulesetStore store, DecisionEngine engine, Rulesets rulesets, Clock clock,
			@Value("${passage.rulesets.poll-interval:PT0.5S}") Duration interval) {
		this.store = store;
		this.engine = engine;
		this.rulesets = rulesets;
		this.clock = clock;
		this.interval = interval;
	}

	/**
	 * One poll: compile the approved versions not compiled yet, activate what is due,
	 * then follow the activation log.
	 */
	public synchronized void poll() {
		for (long coming : this.store.awaitingActivation()) {
			if (!this.rulesets.isCompiled(coming)) {
				try {
					this.rulesets.version(coming);
				}
				catch (RuntimeException ex) {
					// It was valid when submitted; if it no longer compiles, the swap
					// reports it.
					log.warn("Cannot compile ruleset version {} ahead: {}", coming, ex.toString());
				}
			}
		}
		for (Version due : this.store.due(this.clock.instant())) {
			if (this.store.activateApproved(due.id(), due.programme(), SCHEDULER, this.clock.instant())) {
				log.info("Activated ruleset version {} for {} (effective from {})", due.id(), due.programme(),
						due.effectiveFrom());
			}
		}
		for (Programme programme : Programme.values()) {
			this.store.active(programme).ifPresent(active -> {
				if (!active.contentHash().equals(this.engine.active(programme).version().hash())) {
					Ruleset ruleset = this.rulesets.version(active.id()).ruleset();
					this.engine.activate(ruleset);
					log.info("Live ruleset for {} is now version {}: {}", programme, active.id(), ruleset.version());
				}
			});
		}
	}

	@Override
	public synchronized void start() {
		this.executor = Executors.newSingleThreadScheduledExecutor(runnable -> {
			Thread thread = new Thread(runnable, "ruleset-activations");
			thread.setDaemon(true);
			return thread;
		});
		this.executor.scheduleWithFixedDelay(() -> {
			try {
				poll();
			}
			catch (RuntimeException ex) {
				// The next poll tries again; a failed poll must not stop the schedule.
				log.warn("Ruleset activation poll failed: {}", ex.toString());
			}
		}, this.interval.toMillis(), this.interval.toMillis(), TimeUnit.MILLISECONDS);
	}

	@Override
	public synchronized void stop() {
		if (this.executor != null) {
			this.executor.shutdownNow();
			this.executor = null;
		}
	}

	@Override
	public synchronized boolean isRunning() {
		return this.executor != null;
	}

}
