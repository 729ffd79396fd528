package org.passage.ui;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

import org.passage.decisiontables.PolicyChanges;
import org.passage.decisiontables.Rollback;
import org.passage.decisiontables.Version;
import org.passage.decisiontables.VersionStatus;
import org.passage.funds.Fund;
import org.passage.funds.Funds;
import org.passage.impact.ImpactSimulations;
import org.passage.impact.Simulation;
import org.passage.rules.decision.Programme;
import org.passage.rules.table.TableFile;
import org.passage.web.NotFoundException;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The decision tables as people read them: every version of each programme with its
 * status and last action, and one version's page: its tables with a row highlighted
 * (where a decision's reason links), its reasons' wording in en, fr and es, its history,
 * its original workbook. Policy staff also see, for every version, its validation report,
 * its scenario results, what it changes against the version in effect, its impact
 * simulations, and the actions open to them; case officers see only versions that took
 * effect.
 */
@Controller
class TablesController {

	private static final MediaType XLSX = MediaType
		.parseMediaType("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");

	/** The versions case officers may read: those that decided. */
	private static final Set<VersionStatus> DECIDED = Set.of(VersionStatus.ACTIVE, VersionStatus.RETIRED);

	private final PolicyChanges changes;

	private final ImpactSimulations simulations;

	private final Funds funds;

	TablesController(PolicyChanges changes, ImpactSimulations simulations, Funds funds) {
		this.changes = changes;
		this.simulations = simulations;
		this.funds = funds;
	}

	/** A programme's page section: its versions, newest first, and its rollback. */
	record ProgrammeVersions(Programme programme, String path, List<Listed> versions, Optional<Version> active,
			Optional<Version> rollbackTarget, Optional<Rollback> waitingRollback) {
	}

	/** A version in the list, with the last thing done to it. */
	record Listed(Version version, Optional<Version.Event> last) {
	}

	@GetMapping("/rulesets")
	String versions(@ModelAttribute("me") SignedIn me, Model model) {
		List<ProgrammeVersions> programmes = new ArrayList<>();
		for (Programme programme : Programme.values()) {
			List<Listed> listed = this.changes.versions(programme)
				.stream()
				.filter(version -> me.policy() || DECIDED.contains(version.status()))
				.map(version -> {
					List<Version.Event> history = this.changes.history(version.id());
					return new Listed(version,
							history.isEmpty() ? Optional.empty() : Optional.of(history.get(history.size() - 1)));
				})
				.toList();
			programmes.add(new ProgrammeVersions(programme, programme.name().toLowerCase(Locale.ROOT), listed,
					listed.stream()
						.map(Listed::version)
						.filter(version -> version.status() == VersionStatus.ACTIVE)
						.findFirst(),
					this.changes.rollbackTarget(programme), this.changes.waitingRollback(programme)));
		}
		model.addAttribute("programmes", programmes);
		return "rulesets";
	}

	@GetMapping("/rulesets/{programme}/versions/{id}")
	String version(@PathVariable String programme, @PathVariable long id, @RequestParam(required = false) String table,
			@RequestParam(required = false) String row, @RequestParam(required = false) Long simulation,
			@ModelAttribute("me") SignedIn me, Model model) {
		Version version = of(programme, id, me);
		model.addAttribute("version", version);
		model.addAttribute("programme", version.programme().name().toLowerCase(Locale.ROOT));
		model.addAttribute("readable", this.changes.tables(id));
		model.addAttribute("history", this.changes.history(id));
		model.addAttribute("highlightTable", table);
		model.addAttribute("highlightRow", row);
		if (me.policy()) {
			model.addAttribute("report", this.changes.report(id));
			model.addAttribute("comparison", this.changes.diff(id, null));
			List<Simulation> runs = this.simulations.of(id);
			model.addAttribute("simulations", runs);
			model.addAttribute("shown", shown(runs, simulation));
			model.addAttribute("offices", offices());
		}
		return "ruleset";
	}

	/**
	 * The simulation whose report the page shows: the one asked for, else the newest that
	 * is done or still running.
	 */
	private static Simulation shown(List<Simulation> runs, Long asked) {
		if (asked != null) {
			return runs.stream().filter(run -> run.id() == asked).findFirst().orElse(null);
		}
		return runs.stream()
			.filter(run -> run.running() || run.status() == Simulation.Status.DONE)
			.findFirst()
			.orElse(null);
	}

	/** The offices a simulation may be limited to: those with a fund. */
	private Set<String> offices() {
		Set<String> offices = new TreeSet<>();
		this.funds.all().stream().map(Fund::office).forEach(offices::add);
		return offices;
	}

	@GetMapping("/rulesets/{programme}/versions/{id}/file")
	ResponseEntity<byte[]> file(@PathVariable String programme, @PathVariable long id,
			@ModelAttribute("me") SignedIn me) {
		of(programme, id, me);
		List<TableFile> files = this.changes.files(id);
		if (files.isEmpty()) {
			throw new NotFoundException("Version " + id + " has no file");
		}
		TableFile file = files.get(0);
		return ResponseEntity.ok()
			.header(HttpHeaders.CONTENT_DISPOSITION,
					ContentDisposition.attachment().filename("v" + id + "-" + file.name()).build().toString())
			.contentType(file.isCsv() ? MediaType.parseMediaType("text/csv") : XLSX)
			.body(file.content());
	}

	/** The scenarios the version is tried on, as the CSV file staff edit. */
	@GetMapping("/rulesets/{programme}/versions/{id}/scenarios.csv")
	ResponseEntity<byte[]> scenarios(@PathVariable String programme, @PathVariable long id,
			@ModelAttribute("me") SignedIn me) {
		of(programme, id, me);
		return ResponseEntity.ok()
			.header(HttpHeaders.CONTENT_DISPOSITION,
					ContentDisposition.attachment().filename("v" + id + "-scenarios.csv").build().toString())
			.contentType(new MediaType("text", "csv", java.nio.charset.StandardCharsets.UTF_8))
			.body(this.changes.scenarios(id).csv());
	}

	/**
	 * The version, if it is one of {@code programme}'s that the reader may see; otherwise
	 * there is no such page.
	 */
	private Version of(String programme, long id, SignedIn me) {
		Version version = this.changes.version(id);
		if (!version.programme().name().equalsIgnoreCase(programme)
				|| !(me.policy() || DECIDED.contains(version.status()))) {
			throw new NotFoundException("No version " + id + " of " + programme);
		}
		return version;
	}

}
