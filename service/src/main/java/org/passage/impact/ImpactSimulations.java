package org.passage.impact;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

import javax.sql.DataSource;

import jakarta.annotation.PreDestroy;
import org.passage.decisiontables.LifecycleRefused;
import org.passage.decisiontables.LifecycleRefused.Why;
import org.passage.decisiontables.PolicyChanges;
import org.passage.decisiontables.PolicyChanges.Noted;
import org.passage.decisiontables.Rulesets;
import org.passage.decisiontables.Version;
import org.passage.decisiontables.VersionStatus;
import org.passage.funds.Funds;
import org.passage.impact.internal.SimulationStore;
import org.passage.rules.engine.Ruleset;
import org.passage.security.Allowed;
import org.passage.web.NotFoundException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.lang.Nullable;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;

/**
 * Impact simulations of drafts: a draft replayed over the recorded decisions of a period
 * (all offices or one), in the background, one run at a time per node, with its progress
 * and its result in the database, so that the approver reads it with the draft and any
 * node can show or cancel it.
 */
@Service
public class ImpactSimulations {

	private static final Logger log = LoggerFactory.getLogger(ImpactSimulations.class);

	/** A version whose effect is still to come can be simulated. */
	private static final Set<VersionStatus> SIMULATED = Set.of(VersionStatus.DRAFT, VersionStatus.IN_REVIEW,
			VersionStatus.APPROVED);

	/** How many runs may wait on a node while one runs. */
	private static final int QUEUE = 8;

	private final PolicyChanges changes;

	private final Rulesets rulesets;

	private final SimulationStore store;

	private final Funds funds;

	private final ImpactReplay replay;

	private final Clock clock;

	private final Executor executor;

	@Autowired
	ImpactSimulations(PolicyChanges changes, Rulesets rulesets, SimulationStore store, Funds funds,
			DataSource dataSource, Clock clock,
			@Value("${passage.impact.batch-size:" + ImpactReplay.DEFAULT_BATCH + "}") int batchSize,
			// Threads evaluating a run's batches; fewer than the cores leaves some to the
			// API.
			@Value("${passage.impact.parallelism:#{T(java.lang.Runtime).getRuntime().availableProcessors()}}") int parallelism) {
		this(changes, rulesets, store, funds,
				new ImpactReplay(dataSource, batchSize, ImpactReplay.DEFAULT_SAMPLE, parallelism), clock,
				new ThreadPoolExecutor(1, 1, 0, TimeUnit.SECONDS, new LinkedBlockingQueue<>(QUEUE), runnable -> {
					Thread thread = new Thread(runnable, "impact-simulation");
					thread.setDaemon(true);
					return thread;
				}));
	}

	/** With the executor the runs go to: one thread in service, another in tests. */
	ImpactSimulations(PolicyChanges changes, Rulesets rulesets, SimulationStore store, Funds funds, ImpactReplay replay,
			Clock clock, Executor executor) {
		this.changes = changes;
		this.rulesets = rulesets;
		this.store = store;
		this.funds = funds;
		this.replay = replay;
		this.clock = clock;
		this.executor = executor;
	}

	/**
	 * Starts replaying the decisions of [{@code from}, {@code to}) of {@code office}'s
	 * cases (all when null) through version {@code id}; returns at once, the run goes on
	 * in the background.
	 */
	@PreAuthorize(Allowed.POLICY)
	public Simulation start(long id, @Nullable Instant from, @Nullable Instant to, @Nullable String office, String by) {
		Version version = this.changes.version(id);
		if (!SIMULATED.contains(version.status())) {
			throw new LifecycleRefused(Why.WRONG_STATUS, "id",
					"Version " + id + " is " + version.status()
							+ ": only a version still to take effect (a draft, in review or approved) is simulated.",
					"notSimulable", version.status());
		}
		if (from == null) {
			throw new LifecycleRefused(Why.INVALID, "from", "Give the first day of the period to replay.",
					"periodFrom");
		}
		if (to == null || !to.isAfter(from)) {
			throw new LifecycleRefused(Why.INVALID, "to", "The end of the period must come after its start.",
					"periodTo");
		}
		String only = office == null || office.isBlank() ? null : office.trim();
		if (only != null && !only.matches("[A-Za-z0-9_-]{1,20}")) {
			throw new LifecycleRefused(Why.INVALID, "office", "'" + office + "' is not an office code, such as TUN.",
					"office", office);
		}
		if (!this.changes.report(id).valid()) {
			throw new LifecycleRefused(Why.HAS_FINDINGS, "id",
					"Version " + id + " has validation findings: correct the workbook before simulating it.",
					"simulateFindings");
		}
		Instant now = this.clock.instant();
		if (of(id).stream().anyMatch(Simulation::running)) {
			throw new LifecycleRefused(Why.WRONG_STATUS, "id",
					"A simulation of version " + id + " is running: wait for it, or cancel it.", "simulationRunning");
		}
		Ruleset draft = this.rulesets.version(id).ruleset();
		ImpactReplay.Query query = new ImpactReplay.Query(version.programme(), from, to, only);
		long total = this.replay.count(query);
		long simulation = this.store.start(id, by, from, to, only, total, now);
		this.changes.note(id, Noted.SIMULATION_STARTED, by, "decisions of " + from + " to " + to
				+ (only == null ? ", all offices" : ", office " + only) + ": " + total);
		try {
			this.executor.execute(() -> run(simulation, id, query, draft, by));
		}
		catch (RejectedExecutionException ex) {
			this.store.finish(simulation, Simulation.Status.FAILED, 0, null, "too many simulations waiting",
					this.clock.instant());
			throw new LifecycleRefused(Why.WRONG_STATUS, "id",
					"Too many simulations are waiting on this node; start this one when they are done.", "busy");
		}
		return get(simulation);
	}

	private void run(long simulation, long id, ImpactReplay.Query query, Ruleset draft, String by) {
		try {
			String[] cancelledBy = new String[1];
			ImpactReplay.Outcome outcome = this.replay.run(query, draft,
					version -> this.rulesets.version(version).ruleset(), processed -> {
						Optional<String> cancel = this.store.progress(simulation, processed, this.clock.instant());
						cancel.ifPresent(canceller -> cancelledBy[0] = canceller);
						return cancel.isEmpty();
					});
			if (!outcome.finished()) {
				this.store.finish(simulation, Simulation.Status.CANCELLED, outcome.processed(), null, null,
						this.clock.instant());
				this.changes.note(id, Noted.SIMULATION_CANCELLED, cancelledBy[0],
						"after " + outcome.processed() + " decisions");
				return;
			}
			Impact impact = outcome.impact()
				.withBalances(fund -> this.funds.find(fund).map(org.passage.funds.Fund::balance).orElse(null));
			this.store.finish(simulation, Simulation.Status.DONE, outcome.processed(), impact, null,
					this.clock.instant());
			this.changes.note(id, Noted.SIMULATION_FINISHED, by,
					impact.replayed() + " decisions replayed, " + impact.changed() + " changed");
		}
		catch (RuntimeException | Error ex) {
			log.error("Impact simulation {} of version {} failed", simulation, id, ex);
			this.store.finish(simulation, Simulation.Status.FAILED, 0, null, ex.toString(), this.clock.instant());
		}
	}

	/**
	 * Asks a running simulation to stop; it stops after the batch it is replaying.
	 */
	@PreAuthorize(Allowed.POLICY)
	public Simulation cancel(long simulation, String by) {
		Simulation found = get(simulation);
		if (!found.running() || !this.store.cancel(simulation, by)) {
			throw new LifecycleRefused(Why.WRONG_STATUS, "id",
					"Simulation " + simulation + " is " + found.status() + ": there is nothing to cancel.",
					"nothingToCancel", found.status());
		}
		return get(simulation);
	}

	@PreAuthorize(Allowed.POLICY)
	public Simulation get(long simulation) {
		return this.store.find(simulation)
			.map(found -> found.seenAt(this.clock.instant()))
			.orElseThrow(() -> new NotFoundException("No simulation " + simulation));
	}

	/** The simulations of version {@code id}, newest first. */
	@PreAuthorize(Allowed.POLICY)
	public List<Simulation> of(long id) {
		Instant now = this.clock.instant();
		return this.store.of(id).stream().map(found -> found.seenAt(now)).toList();
	}

	@PreDestroy
	void stop() {
		if (this.executor instanceof ExecutorService service) {
			service.shutdownNow();
		}
	}

}
