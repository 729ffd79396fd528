package org.passage.decisiontables;

import java.time.Clock;
import java.time.Instant;
import java.util.List;

import org.passage.decisiontables.LifecycleRefused.Why;
import org.passage.decisiontables.Version.Event;
import org.passage.decisiontables.internal.RulesetStore;
import org.passage.decisiontables.internal.Scenarios;
import org.passage.rules.decision.Programme;
import org.passage.rules.engine.Compilation;
import org.passage.rules.engine.RulesetCompiler;
import org.passage.rules.table.Finding;
import org.passage.rules.table.TableFile;
import org.passage.web.NotFoundException;
import org.springframework.lang.Nullable;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

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
	 */
	public record Report(Version version, List<Finding> findings, int scenarios,
			List<ScenarioFailure> scenarioFailures) {

		public boolean valid() {
			return this.findings.isEmpty();
		}

	}

	private final RulesetStore store;

	private final Scenarios scenarios;

	private final Clock clock;

	PolicyChanges(RulesetStore store, Scenarios scenarios, Clock clock) {
		this.store = store;
		this.scenarios = scenarios;
		this.clock = clock;
	}

	/**
	 * Stores an uploaded workbook as a DRAFT of {@code programme}, whatever its findings,
	 * so that its report can be read again; a draft with findings goes no further.
	 */
	@Transactional
	public Report upload(Programme programme, TableFile file, String changeNote, String author) {
		String label = programme.definition().tableFolder() + " draft " + this.clock.instant();
		List<TableFile> files = List.of(file);
		String hash = RulesetCompiler.hash(files);
		long id = this.store.saveDraft(programme, label, hash, author, changeNote.trim(), files)
			.orElseThrow(
					() -> new LifecycleRefused(Why.DUPLICATE, "file", "These tables are stored already, as version "
							+ this.store.idOf(programme, hash) + "; change the workbook or use that version."));
		return report(id);
	}

	/** A version's validation and scenario report, computed from its stored files. */
	public Report report(long id) {
		Version version = version(id);
		Compilation compilation = RulesetCompiler.compile(version.programme(), version.label(), this.store.files(id));
		if (!compilation.valid()) {
			return new Report(version, compilation.findings(), 0, List.of());
		}
		Scenarios.Run run = this.scenarios.run(compilation.orThrow());
		return new Report(version, List.of(), run.scenarios(), run.failures());
	}

	public Version version(long id) {
		return this.store.version(id).orElseThrow(() -> new NotFoundException("No ruleset version " + id));
	}

	public List<Version> versions(Programme programme) {
		return this.store.versions(programme);
	}

	public List<Event> history(long id) {
		version(id);
		return this.store.history(id);
	}

	/** The version's files, byte for byte as uploaded. */
	public List<TableFile> files(long id) {
		version(id);
		return this.store.files(id);
	}

	/** The author sends a valid draft to review. */
	@Transactional
	public Version submit(long id, String by) {
		Version version = expect(id, VersionStatus.DRAFT, "submitted");
		if (!version.author().equals(by)) {
			throw new LifecycleRefused(Why.OWN_VERSION, "id",
					"Only its author, " + version.author() + ", may submit this draft.");
		}
		Report report = report(id);
		if (!report.valid()) {
			throw new LifecycleRefused(Why.HAS_FINDINGS, "file", "This draft has " + report.findings().size()
					+ " validation finding(s); correct the workbook and upload it again.");
		}
		move(id, VersionStatus.DRAFT, VersionStatus.IN_REVIEW);
		this.store.event(id, "SUBMITTED", by, null);
		return version(id);
	}

	/**
	 * A second person approves a version in review; it takes effect at
	 * {@code effectiveFrom}, or at once when that is null.
	 */
	@Transactional
	public Version approve(long id, @Nullable Instant effectiveFrom, @Nullable String comment, String by) {
		Version version = expect(id, VersionStatus.IN_REVIEW, "approved");
		refuseOwn(version, by, "approve");
		Instant now = this.clock.instant();
		if (effectiveFrom != null && effectiveFrom.isBefore(now)) {
			throw new LifecycleRefused(Why.WRONG_STATUS, "effectiveFrom",
					"effectiveFrom " + effectiveFrom + " is in the past; give now or a later instant.");
		}
		if (!this.store.approve(id, by, now, effectiveFrom == null ? now : effectiveFrom)) {
			throw changedMeanwhile(id);
		}
		this.store.event(id, "APPROVED", by, comment);
		return version(id);
	}

	/** A second person rejects a version in review, saying why. */
	@Transactional
	public Version reject(long id, String comment, String by) {
		Version version = expect(id, VersionStatus.IN_REVIEW, "rejected");
		refuseOwn(version, by, "reject");
		move(id, VersionStatus.IN_REVIEW, VersionStatus.REJECTED);
		this.store.event(id, "REJECTED", by, comment);
		return version(id);
	}

	private static void refuseOwn(Version version, String by, String action) {
		if (version.author().equals(by)) {
			throw new LifecycleRefused(Why.OWN_VERSION, "id",
					"You uploaded this version, so you may not " + action + " it: another approver must (four eyes).");
		}
	}

	private Version expect(long id, VersionStatus status, String action) {
		Version version = version(id);
		if (version.status() != status) {
			throw new LifecycleRefused(Why.WRONG_STATUS, "id", "Version " + id + " is " + version.status()
					+ "; only a version " + status + " can be " + action + ".");
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
				"Version " + id + " was changed by someone else meanwhile; reload it.");
	}

}
