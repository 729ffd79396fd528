package org.passage.decisiontables;

import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.passage.decisiontables.LifecycleRefused.Why;
import org.passage.decisiontables.Version.Event;
import org.passage.decisiontables.internal.RulesetStore;
import org.passage.decisiontables.internal.Scenarios;
import org.passage.decisiontables.internal.StoredRuleset;
import org.passage.rules.decision.Decision;
import org.passage.rules.decision.Programme;
import org.passage.rules.engine.Compilation;
import org.passage.rules.engine.Ruleset;
import org.passage.rules.engine.RulesetCompiler;
import org.passage.rules.facts.TextInputs;
import org.passage.rules.table.Finding;
import org.passage.rules.table.ScenarioFile;
import org.passage.rules.table.TableFile;
import org.passage.security.Allowed;
import org.passage.web.NotFoundException;
import org.springframework.lang.Nullable;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * How policy staff change a decision table: upload a draft (validated and tried on the
 * programme's scenarios at once), submit it, and have a second person approve it with the
 * instant it takes effect, or reject it. Activation itself is the registry's poller.
 */
@Service
public class PolicyChanges {

	/**
	 * What Passage found in a version's tables.
	 *
	 * @param version the version as stored
	 * @param findings validation findings, each with its sheet, cell and row; none for a
	 * version that may go further
	 * @param scenarios how many of the programme's scenarios ran (0 when the tables do
	 * not compile)
	 * @param scenarioFailures the scenarios it decides differently from their expected
	 * answer
	 * @param scenarioOrigin where the scenarios come from: the version's own, inherited
	 * from a version in effect, or shipped
	 * @param scenariosFrom the version whose scenarios they are, unless shipped
	 */
	public record Report(Version version, List<Finding> findings, int scenarios, List<ScenarioFailure> scenarioFailures,
			VersionScenarios.Origin scenarioOrigin, @Nullable Long scenariosFrom) {

		public boolean valid() {
			return this.findings.isEmpty();
		}

	}

	private final RulesetStore store;

	private final Scenarios scenarios;

	private final Clock clock;

	private final Rulesets rulesets;

	PolicyChanges(RulesetStore store, Scenarios scenarios, Clock clock, Rulesets rulesets) {
		this.store = store;
		this.scenarios = scenarios;
		this.clock = clock;
		this.rulesets = rulesets;
	}

	/**
	 * Stores an uploaded workbook as a DRAFT of {@code programme}, whatever its findings,
	 * so that its report can be read again; a draft with findings goes no further.
	 */
	@Transactional
	@PreAuthorize(Allowed.POLICY_EDITORS)
	public Report upload(Programme programme, TableFile file, String changeNote, String author) {
		return upload(programme, file, changeNote, author, null);
	}

	/**
	 * Stores an uploaded workbook as a DRAFT of {@code programme}, with revised scenarios
	 * when given (they are read first: a file Passage cannot read stores nothing).
	 */
	@Transactional
	@PreAuthorize(Allowed.POLICY_EDITORS)
	public Report upload(Programme programme, TableFile file, String changeNote, String author,
			@Nullable byte[] scenarios) {
		if (scenarios != null) {
			readScenarios(programme, scenarios);
		}
		List<TableFile> files = List.of(file);
		String hash = RulesetCompiler.hash(files);
		// Versions are named by their number, which the registry gives: gaf-eligibility
		// v4.
		String prefix = programme.definition().tableFolder() + " v";
		long id = this.store.saveDraft(programme, prefix, hash, author, changeNote.trim(), files)
			.orElseThrow(() -> new LifecycleRefused(Why.DUPLICATE, "file",
					"These tables are stored already, as version " + this.store.idOf(programme, hash)
							+ "; change the workbook or use that version.",
					"duplicate", this.store.idOf(programme, hash)));
		if (scenarios != null) {
			this.store.addScenarios(id, scenarios, author);
			this.store.event(id, "SCENARIOS_UPLOADED", author, null);
		}
		return report(id);
	}

	/** The scenarios version {@code id} is tried on, and where they come from. */
	@PreAuthorize(Allowed.TABLE_READERS)
	public VersionScenarios scenarios(long id) {
		Version version = version(id);
		return this.store.ownScenarios(id)
			.map(own -> new VersionScenarios(VersionScenarios.Origin.OWN, id, own))
			.or(() -> this.store.inheritedScenarios(version.programme())
				.map(inherited -> new VersionScenarios(VersionScenarios.Origin.INHERITED, inherited.getKey(),
						inherited.getValue())))
			.orElseGet(() -> new VersionScenarios(VersionScenarios.Origin.SHIPPED, null,
					this.scenarios.shipped(version.programme())));
	}

	/** The draft's author replaces the scenarios it is tried on with a revised file. */
	@Transactional
	@PreAuthorize(Allowed.POLICY_EDITORS)
	public Report reviseScenarios(long id, byte[] csv, String by) {
		Version draft = authorsDraft(id, by, "revise its scenarios");
		readScenarios(draft.programme(), csv);
		this.store.addScenarios(id, csv, by);
		this.store.event(id, "SCENARIOS_UPLOADED", by, null);
		return report(id);
	}

	/**
	 * The draft's author adds one scenario to the draft's scenarios: {@code input}, and
	 * {@code expected} as the answer (a recorded decision's, say).
	 */
	@Transactional
	@PreAuthorize(Allowed.POLICY_EDITORS)
	public Report addScenario(long id, String name, Record input, Decision expected, String by) {
		Version draft = authorsDraft(id, by, "add scenarios to it");
		if (name == null || name.isBlank()) {
			throw new LifecycleRefused(Why.INVALID, "name", "Give the scenario a name that says what it checks.",
					"scenarioName");
		}
		Map<String, String> row = new LinkedHashMap<>(TextInputs.write(input));
		row.put("scenario", name.trim());
		Scenarios.expectations(expected).forEach((field, value) -> row.put("expect." + field, value));
		ScenarioFile file = readScenarios(draft.programme(), scenarios(id).csv()).with(row);
		this.store.addScenarios(id, file.write(), by);
		this.store.event(id, "SCENARIO_ADDED", by, name.trim());
		return report(id);
	}

	private Version authorsDraft(long id, String by, String action) {
		Version version = expect(id, VersionStatus.DRAFT, "changed");
		if (!version.author().equals(by)) {
			throw new LifecycleRefused(Why.OWN_VERSION, "id",
					"Only its author, " + version.author() + ", may " + action + ".", "notAuthor", version.author());
		}
		return version;
	}

	private static ScenarioFile readScenarios(Programme programme, byte[] csv) {
		try {
			return ScenarioFile.read(programme.definition().inputType(), csv);
		}
		catch (ScenarioFile.Unreadable ex) {
			throw new LifecycleRefused(Why.INVALID, "scenarios",
					(ex.line() > 0 ? "Scenario file, line " + ex.line() + ": " : "Scenario file: ") + ex.getMessage(),
					"scenarioFile", ex.line(), ex.getMessage());
		}
	}

	/** A version's validation and scenario report, computed from its stored files. */
	@PreAuthorize(Allowed.TABLE_READERS)
	public Report report(long id) {
		return validate(id).report();
	}

	/** A version's report, and what its tables compile to when they are valid. */
	private record Validation(Report report, Optional<Ruleset> ruleset) {
	}

	private Validation validate(long id) {
		Version version = version(id);
		VersionScenarios tried = scenarios(id);
		Compilation compilation = RulesetCompiler.compile(version.programme(), version.label(), this.store.files(id));
		if (!compilation.valid()) {
			return new Validation(
					new Report(version, compilation.findings(), 0, List.of(), tried.origin(), tried.fromVersion()),
					Optional.empty());
		}
		Ruleset ruleset = compilation.orThrow();
		Scenarios.Run run = this.scenarios.run(ruleset, readScenarios(version.programme(), tried.csv()));
		return new Validation(
				new Report(version, List.of(), run.scenarios(), run.failures(), tried.origin(), tried.fromVersion()),
				Optional.of(ruleset));
	}

	@PreAuthorize(Allowed.TABLE_READERS)
	public Version version(long id) {
		return this.store.version(id).orElseThrow(() -> new NotFoundException("No ruleset version " + id));
	}

	@PreAuthorize(Allowed.TABLE_READERS)
	public List<Version> versions(Programme programme) {
		return this.store.versions(programme);
	}

	@PreAuthorize(Allowed.TABLE_READERS)
	public List<Event> history(long id) {
		version(id);
		return this.store.history(id);
	}

	/** The version's files, byte for byte as uploaded. */
	@PreAuthorize(Allowed.TABLE_READERS)
	public List<TableFile> files(long id) {
		version(id);
		return this.store.files(id);
	}

	/** The version's tables as people read them: rows, headings, reason wording. */
	@PreAuthorize(Allowed.TABLE_READERS)
	public ReadableTables tables(long id) {
		return ReadableTables.of(files(id));
	}

	/**
	 * A version compared with another: {@code from} is the older one, {@code to} the one
	 * asked about.
	 */
	public record Comparison(Version from, Version to, TableDiff diff) {
	}

	/**
	 * What {@code id} changes, row by row and cell by cell: against {@code against} when
	 * given; otherwise against the version in effect, or, for the version in effect
	 * itself, against the one it replaced.
	 */
	@PreAuthorize(Allowed.TABLE_READERS)
	public Comparison diff(long id, @Nullable Long against) {
		Version version = version(id);
		long base;
		if (against != null) {
			Version other = version(against);
			if (other.programme() != version.programme()) {
				throw new LifecycleRefused(Why.INVALID, "against",
						"Version " + against + " decides " + other.programme() + ", not " + version.programme()
								+ ": compare versions of one programme.",
						"otherProgramme", against, other.programme(), version.programme());
			}
			base = against;
		}
		else {
			base = baseline(version);
		}
		return new Comparison(version(base), version, TableDiff.between(tables(base), tables(id)));
	}

	/**
	 * The version a version is compared with by default: the one in effect, or the one in
	 * effect before it when it is in effect itself (itself when there was none).
	 */
	private long baseline(Version version) {
		long active = this.store.active(version.programme()).map(StoredRuleset::id).orElse(version.id());
		if (active != version.id()) {
			return active;
		}
		return this.store.previouslyActive(version.programme(), version.id()).orElse(version.id());
	}

	/** What other modules record in a version's history. */
	public enum Noted {

		SIMULATION_STARTED, SIMULATION_FINISHED, SIMULATION_CANCELLED

	}

	/** Records in version {@code id}'s history something done with it elsewhere. */
	public void note(long id, Noted action, String by, @Nullable String comment) {
		this.store.event(id, action.name(), by, comment);
	}

	/** The author sends a valid draft to review. */
	@Transactional
	@PreAuthorize(Allowed.POLICY_EDITORS)
	public Version submit(long id, String by) {
		Version version = expect(id, VersionStatus.DRAFT, "submitted");
		if (!version.author().equals(by)) {
			throw new LifecycleRefused(Why.OWN_VERSION, "id",
					"Only its author, " + version.author() + ", may submit this draft.", "notAuthor", version.author());
		}
		Validation validation = validate(id);
		Report report = validation.report();
		if (!report.valid()) {
			throw new LifecycleRefused(Why.HAS_FINDINGS, "file",
					"This draft has " + report.findings().size()
							+ " validation finding(s); correct the workbook and upload it again.",
					"findings", report.findings().size());
		}
		move(id, VersionStatus.DRAFT, VersionStatus.IN_REVIEW);
		this.store.event(id, "SUBMITTED", by, null);
		// Once the submission is committed, this node keeps what it compiled to check it:
		// it has the version when it is approved, as the other nodes' polls do by then.
		Ruleset reviewed = validation.ruleset().orElseThrow();
		TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
			@Override
			public void afterCommit() {
				PolicyChanges.this.rulesets.keep(id, reviewed);
			}
		});
		return version(id);
	}

	/**
	 * A second person approves a version in review; it takes effect at
	 * {@code effectiveFrom}, or at once when that is null.
	 */
	@Transactional
	@PreAuthorize(Allowed.POLICY_APPROVERS)
	public Version approve(long id, @Nullable Instant effectiveFrom, @Nullable String comment, String by) {
		Version version = expect(id, VersionStatus.IN_REVIEW, "approved");
		refuseOwn(version, by, "approve");
		if (effectiveFrom != null && effectiveFrom.isBefore(this.clock.instant())) {
			throw new LifecycleRefused(Why.INVALID, "effectiveFrom",
					"effectiveFrom " + effectiveFrom + " is in the past; give now or a later instant.",
					"pastEffective");
		}
		// The approving node compiles the version before the approval is recorded, unless
		// it has it already: an approval effective at once then takes effect here as a
		// change of reference, from the instant it is recorded.
		try {
			this.rulesets.version(id);
		}
		catch (IllegalStateException ex) {
			throw new LifecycleRefused(Why.HAS_FINDINGS, "id",
					"Version " + id + " no longer compiles on this release of Passage: " + ex.getMessage(),
					"approveNotCompiling", id);
		}
		Instant now = this.clock.instant();
		if (!this.store.approve(id, by, now,
				effectiveFrom == null || effectiveFrom.isBefore(now) ? now : effectiveFrom)) {
			throw changedMeanwhile(id);
		}
		this.store.event(id, "APPROVED", by, comment);
		return version(id);
	}

	/** A second person rejects a version in review, saying why. */
	@Transactional
	@PreAuthorize(Allowed.POLICY_APPROVERS)
	public Version reject(long id, String comment, String by) {
		Version version = expect(id, VersionStatus.IN_REVIEW, "rejected");
		refuseOwn(version, by, "reject");
		move(id, VersionStatus.IN_REVIEW, VersionStatus.REJECTED);
		this.store.event(id, "REJECTED", by, comment);
		return version(id);
	}

	/**
	 * The version a rollback of {@code programme} would put back in effect: the one in
	 * effect before the current one; empty when there was none.
	 */
	@PreAuthorize(Allowed.TABLE_READERS)
	public java.util.Optional<Version> rollbackTarget(Programme programme) {
		return this.store.active(programme)
			.flatMap(active -> this.store.previouslyActive(programme, active.id()))
			.map(this::version);
	}

	/** The rollback of {@code programme} that waits for a second person, if one does. */
	@PreAuthorize(Allowed.TABLE_READERS)
	public java.util.Optional<Rollback> waitingRollback(Programme programme) {
		return this.store.rollbacks(programme).stream().filter(Rollback::waiting).findFirst();
	}

	/** Every rollback of {@code programme}, newest first. */
	@PreAuthorize(Allowed.TABLE_READERS)
	public List<Rollback> rollbacks(Programme programme) {
		return this.store.rollbacks(programme);
	}

	@PreAuthorize(Allowed.TABLE_READERS)
	public Rollback rollback(long id) {
		return this.store.rollback(id).orElseThrow(() -> new NotFoundException("No rollback " + id));
	}

	/**
	 * Asks for the previous version of {@code programme} to be put back in effect; a
	 * second person approves (or refuses) it.
	 */
	@Transactional
	@PreAuthorize(Allowed.POLICY)
	public Rollback requestRollback(Programme programme, String reason, String by) {
		if (reason == null || reason.isBlank()) {
			throw new LifecycleRefused(Why.INVALID, "reason",
					"Say why the tables must roll back: the approver reads it.", "rollbackReason");
		}
		StoredRuleset active = this.store.active(programme)
			.orElseThrow(() -> new LifecycleRefused(Why.WRONG_STATUS, "programme",
					"No version of " + programme + " is in effect.", "noActive"));
		long target = this.store.previouslyActive(programme, active.id())
			.orElseThrow(
					() -> new LifecycleRefused(
							Why.WRONG_STATUS, "programme", "Version " + active.id() + " is the first version of "
									+ programme + " in effect: there is none to roll back to.",
							"noPrevious", active.id()));
		long id = this.store.requestRollback(programme, active.id(), target, reason.trim(), by, this.clock.instant())
			.orElseThrow(() -> new LifecycleRefused(Why.WRONG_STATUS, "programme",
					"A rollback of " + programme + " waits for approval already; approve or refuse that one first.",
					"rollbackWaiting"));
		this.store.event(active.id(), "ROLLBACK_REQUESTED", by, "back to version " + target + ": " + reason.trim());
		return rollback(id);
	}

	/**
	 * A second person approves a waiting rollback: the previous version is in effect
	 * again at once (every node follows within its poll interval), recorded as a new
	 * activation.
	 */
	@Transactional
	@PreAuthorize(Allowed.POLICY_APPROVERS)
	public Rollback approveRollback(long id, @Nullable String comment, String by) {
		Rollback rollback = waiting(id, by, "approve");
		long active = this.store.active(rollback.programme()).map(StoredRuleset::id).orElse(-1L);
		if (active != rollback.fromId()) {
			throw new LifecycleRefused(Why.WRONG_STATUS, "id", "Version " + active
					+ " took effect after this rollback was asked for; refuse it and ask again if it is still needed.",
					"rollbackStale", active);
		}
		Instant now = this.clock.instant();
		if (!this.store.decideRollback(id, "APPROVED", by, now, comment)
				|| !this.store.reactivate(rollback.toId(), rollback.fromId(), rollback.programme(), by, now)) {
			throw new LifecycleRefused(Why.WRONG_STATUS, "id",
					"Rollback " + id + " was changed by someone else meanwhile; reload it.", "meanwhile");
		}
		String asked = "rollback asked for by " + rollback.requestedBy() + ": " + rollback.reason();
		this.store.event(rollback.toId(), "ROLLBACK_APPROVED", by,
				comment == null || comment.isBlank() ? asked : asked + " — " + comment.trim());
		this.store.event(rollback.toId(), "ACTIVATED", by, "in effect again in place of version " + rollback.fromId());
		this.store.event(rollback.fromId(), "RETIRED", by, "rolled back to version " + rollback.toId());
		return rollback(id);
	}

	/** A second person refuses a waiting rollback, saying why. */
	@Transactional
	@PreAuthorize(Allowed.POLICY_APPROVERS)
	public Rollback refuseRollback(long id, String comment, String by) {
		if (comment == null || comment.isBlank()) {
			throw new LifecycleRefused(Why.INVALID, "comment",
					"Say why the rollback is refused: the person who asked reads it.", "refusalComment");
		}
		Rollback rollback = waiting(id, by, "refuse");
		if (!this.store.decideRollback(id, "REFUSED", by, this.clock.instant(), comment.trim())) {
			throw new LifecycleRefused(Why.WRONG_STATUS, "id",
					"Rollback " + id + " was changed by someone else meanwhile; reload it.", "meanwhile");
		}
		this.store.event(rollback.fromId(), "ROLLBACK_REFUSED", by, comment.trim());
		return rollback(id);
	}

	private Rollback waiting(long id, String by, String action) {
		Rollback rollback = rollback(id);
		if (!rollback.waiting()) {
			throw new LifecycleRefused(Why.WRONG_STATUS, "id",
					"Rollback " + id + " was " + rollback.outcome().toLowerCase(java.util.Locale.ROOT) + " already, by "
							+ rollback.decidedBy() + ".",
					"rollbackDecided", rollback.outcome(), rollback.decidedBy());
		}
		if (rollback.requestedBy().equals(by)) {
			throw new LifecycleRefused(Why.OWN_VERSION, "id",
					"You asked for this rollback, so you may not " + action + " it: another approver must (four eyes).",
					"ownRollback");
		}
		return rollback;
	}

	private static void refuseOwn(Version version, String by, String action) {
		if (version.author().equals(by)) {
			throw new LifecycleRefused(Why.OWN_VERSION, "id",
					"You uploaded this version, so you may not " + action + " it: another approver must (four eyes).",
					"ownVersion");
		}
	}

	private Version expect(long id, VersionStatus status, String action) {
		Version version = version(id);
		if (version.status() != status) {
			throw new LifecycleRefused(Why.WRONG_STATUS, "id", "Version " + id + " is " + version.status()
					+ "; only a version " + status + " can be " + action + ".", "status", id, version.status(), status);
		}
		return version;
	}

	private void move(long id, VersionStatus from, VersionStatus to) {
		if (!from.canBecome(to) || !this.store.move(id, from.name(), to.name())) {
			throw changedMeanwhile(id);
		}
	}

	private static LifecycleRefused changedMeanwhile(long id) {
		return new LifecycleRefused(Why.WRONG_STATUS, "id",
				"Version " + id + " was changed by someone else meanwhile; reload it.", "meanwhile");
	}

}
