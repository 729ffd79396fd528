package org.passage.ui;

import java.io.IOException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

import org.passage.decisiontables.LifecycleRefused;
import org.passage.decisiontables.PolicyChanges;
import org.passage.decisiontables.PolicyChanges.Report;
import org.passage.decisiontables.Rollback;
import org.passage.decisiontables.Version;
import org.passage.impact.DecisionScenarios;
import org.passage.impact.ImpactSimulations;
import org.passage.impact.Simulation;
import org.passage.rules.decision.Programme;
import org.passage.rules.table.TableFile;
import org.passage.web.NotFoundException;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import jakarta.servlet.http.HttpServletResponse;

/**
 * What policy staff do on the pages: upload a draft (its report shows at once on its
 * page), revise its scenarios or add a recorded decision to them, submit it, approve it
 * (now or from an instant) or reject it, simulate its impact in the background (a
 * progress bar htmx redraws every second, with a cancel button), and ask for, approve or
 * refuse a rollback. Every action ends in a sentence saying what happened, or why not;
 * the checks are the services' (four eyes, statuses), so the pages add no way around
 * them. Who may post which form is also the security chain's (editors upload, approvers
 * approve).
 */
@Controller
class PolicyPagesController {

	private static final String HTMX = "HX-Request";

	private final PolicyChanges changes;

	private final ImpactSimulations simulations;

	private final DecisionScenarios decisionScenarios;

	private final Formats formats;

	PolicyPagesController(PolicyChanges changes, ImpactSimulations simulations, DecisionScenarios decisionScenarios,
			Formats formats) {
		this.changes = changes;
		this.simulations = simulations;
		this.decisionScenarios = decisionScenarios;
		this.formats = formats;
	}

	/** What an action did, or why not, as a sentence: a message key and its arguments. */
	record Notice(String key, boolean error, List<Object> args) {

		static Notice done(String key, Object... args) {
			return new Notice(key, false, List.of(args));
		}

		static Notice refused(LifecycleRefused refused) {
			return new Notice(refused.key(), true, java.util.Arrays.stream(refused.args()).map(Notice::word).toList());
		}

		/**
		 * A status or programme said in the reader's language: the message source
		 * resolves these arguments itself.
		 */
		private static Object word(Object arg) {
			String code = null;
			if (arg instanceof org.passage.decisiontables.VersionStatus status) {
				code = "versionStatus." + status.name();
			}
			else if (arg instanceof Simulation.Status status) {
				code = "simulationStatus." + status.name();
			}
			else if (arg instanceof Programme programme) {
				code = "programme." + programme.name().toLowerCase(Locale.ROOT);
			}
			return code == null ? String.valueOf(arg)
					: new org.springframework.context.support.DefaultMessageSourceResolvable(new String[] { code },
							arg.toString());
		}

		public Object[] params() {
			return this.args.toArray();
		}

	}

	// Upload

	@GetMapping("/rulesets/{programme}/upload")
	String uploadForm(@PathVariable String programme, Model model) {
		model.addAttribute("programme", programme(programme).name().toLowerCase(Locale.ROOT));
		model.addAttribute("errors", Map.of());
		model.addAttribute("changeNote", "");
		return "upload";
	}

	@PostMapping("/rulesets/{programme}/upload")
	String upload(@PathVariable String programme, @RequestParam(required = false) MultipartFile file,
			@RequestParam(required = false) String changeNote, @RequestParam(required = false) MultipartFile scenarios,
			@ModelAttribute("me") SignedIn me, Model model, RedirectAttributes redirect, HttpServletResponse response)
			throws IOException {
		Programme decided = programme(programme);
		Map<String, String> errors = new LinkedHashMap<>();
		String name = file == null || file.getOriginalFilename() == null ? "" : file.getOriginalFilename();
		if (file == null || file.isEmpty()) {
			errors.put("file", "policy.upload.error.noFile");
		}
		else if (!name.toLowerCase(Locale.ROOT).endsWith(".xlsx")) {
			errors.put("file", "policy.upload.error.notXlsx");
		}
		if (changeNote == null || changeNote.isBlank()) {
			errors.put("changeNote", "policy.upload.error.noNote");
		}
		if (scenarios != null && !scenarios.isEmpty()
				&& !String.valueOf(scenarios.getOriginalFilename()).toLowerCase(Locale.ROOT).endsWith(".csv")) {
			errors.put("scenarios", "policy.upload.error.notCsv");
		}
		Notice refusal = null;
		if (errors.isEmpty()) {
			try {
				Report report = this.changes.upload(decided,
						new TableFile(decided.definition().tableFolder() + ".xlsx", file.getBytes()), changeNote,
						me.user(), scenarios == null || scenarios.isEmpty() ? null : scenarios.getBytes());
				redirect.addFlashAttribute("notice",
						report.valid()
								? Notice.done("policy.done.uploaded", report.version().id(), report.scenarios(),
										report.scenarioFailures().size())
								: new Notice("policy.done.uploadedWithFindings", true,
										List.of(report.version().id(), report.findings().size())));
				return "redirect:" + page(report.version());
			}
			catch (LifecycleRefused refused) {
				refusal = Notice.refused(refused);
				errors.put(refused.field(), refused.key());
			}
		}
		response.setStatus(HttpStatus.UNPROCESSABLE_ENTITY.value());
		model.addAttribute("programme", decided.name().toLowerCase(Locale.ROOT));
		model.addAttribute("errors", errors);
		model.addAttribute("refusal", refusal);
		model.addAttribute("changeNote", changeNote == null ? "" : changeNote);
		return "upload";
	}

	// The lifecycle

	@PostMapping("/rulesets/{programme}/versions/{id}/submit")
	String submit(@PathVariable String programme, @PathVariable long id, @ModelAttribute("me") SignedIn me,
			RedirectAttributes redirect) {
		Version version = of(programme, id);
		return act(version, redirect, () -> {
			this.changes.submit(id, me.user());
			return Notice.done("policy.done.submitted", id);
		});
	}

	@PostMapping("/rulesets/{programme}/versions/{id}/approve")
	String approve(@PathVariable String programme, @PathVariable long id,
			@RequestParam(required = false) String effectiveFrom, @RequestParam(required = false) String comment,
			@ModelAttribute("me") SignedIn me, RedirectAttributes redirect, Locale locale) {
		Version version = of(programme, id);
		return act(version, redirect, () -> {
			Instant from = instant(effectiveFrom);
			Version approved = this.changes.approve(id, from, comment, me.user());
			return from == null ? Notice.done("policy.done.approvedNow", id) : Notice.done("policy.done.approvedFrom",
					id, this.formats.instant(approved.effectiveFrom(), locale));
		});
	}

	@PostMapping("/rulesets/{programme}/versions/{id}/reject")
	String reject(@PathVariable String programme, @PathVariable long id, @RequestParam(required = false) String comment,
			@ModelAttribute("me") SignedIn me, RedirectAttributes redirect) {
		Version version = of(programme, id);
		return act(version, redirect, () -> {
			if (comment == null || comment.isBlank()) {
				return new Notice("policy.refused.rejectComment", true, List.of());
			}
			this.changes.reject(id, comment.trim(), me.user());
			return Notice.done("policy.done.rejected", id);
		});
	}

	// Scenarios

	@PostMapping("/rulesets/{programme}/versions/{id}/scenarios")
	String reviseScenarios(@PathVariable String programme, @PathVariable long id,
			@RequestParam(required = false) MultipartFile scenarios, @ModelAttribute("me") SignedIn me,
			RedirectAttributes redirect) {
		Version version = of(programme, id);
		return act(version, redirect, () -> {
			if (scenarios == null || scenarios.isEmpty()) {
				return new Notice("policy.refused.noScenarioFile", true, List.of());
			}
			Report report = this.changes.reviseScenarios(id, scenarios.getBytes(), me.user());
			return Notice.done("policy.done.scenarios", report.scenarios(), report.scenarioFailures().size());
		});
	}

	@PostMapping("/rulesets/{programme}/versions/{id}/scenarios/from-decision")
	String scenarioFromDecision(@PathVariable String programme, @PathVariable long id,
			@RequestParam(required = false) String decisionId, @RequestParam(required = false) String expect,
			@RequestParam(required = false) String name, @ModelAttribute("me") SignedIn me,
			RedirectAttributes redirect) {
		Version version = of(programme, id);
		return act(version, redirect, () -> {
			UUID decision;
			try {
				decision = decisionId == null || decisionId.isBlank() ? null : UUID.fromString(decisionId.trim());
			}
			catch (IllegalArgumentException ex) {
				return new Notice("policy.refused.decisionIdFormat", true, List.of(decisionId));
			}
			DecisionScenarios.Expect answer = "DRAFT".equals(expect) ? DecisionScenarios.Expect.DRAFT
					: DecisionScenarios.Expect.RECORDED;
			Report report;
			try {
				report = this.decisionScenarios.add(id, decision, answer, name, me.user());
			}
			catch (NotFoundException ex) {
				return new Notice("policy.refused.noDecision", true, List.of(decisionId));
			}
			return Notice.done(
					answer == DecisionScenarios.Expect.DRAFT ? "policy.done.scenarioAddedDraft"
							: "policy.done.scenarioAddedRecorded",
					report.scenarios(), report.scenarioFailures().size());
		});
	}

	// Impact simulations

	@PostMapping("/rulesets/{programme}/versions/{id}/simulations")
	String simulate(@PathVariable String programme, @PathVariable long id, @RequestParam(required = false) String from,
			@RequestParam(required = false) String to, @RequestParam(required = false) String office,
			@RequestHeader(name = HTMX, required = false) String htmx, @ModelAttribute("me") SignedIn me, Model model,
			RedirectAttributes redirect) {
		Version version = of(programme, id);
		Notice notice;
		Simulation started = null;
		try {
			// A period of whole days, in UTC: from the start of the first to the end of
			// the last.
			Instant start = day(from, "from");
			Instant end = day(to, "to");
			started = this.simulations.start(id, start, end == null ? null : end.plusSeconds(86_400), office,
					me.user());
			notice = Notice.done("policy.done.simulationStarted", started.total());
		}
		catch (LifecycleRefused refused) {
			notice = Notice.refused(refused);
		}
		if (htmx == null) {
			redirect.addFlashAttribute("notice", notice);
			return "redirect:" + page(version) + (started == null ? "" : "?simulation=" + started.id()) + "#impact";
		}
		return simulationFragment(version, started, notice, model);
	}

	@GetMapping("/rulesets/{programme}/versions/{id}/simulations/{simulation}")
	String simulation(@PathVariable String programme, @PathVariable long id, @PathVariable long simulation,
			@RequestHeader(name = HTMX, required = false) String htmx, Model model) {
		Version version = of(programme, id);
		Simulation found = simulationOf(version, simulation);
		if (htmx == null) {
			return "redirect:" + page(version) + "?simulation=" + simulation + "#impact";
		}
		return simulationFragment(version, found, null, model);
	}

	@PostMapping("/rulesets/{programme}/versions/{id}/simulations/{simulation}/cancel")
	String cancel(@PathVariable String programme, @PathVariable long id, @PathVariable long simulation,
			@RequestHeader(name = HTMX, required = false) String htmx, @ModelAttribute("me") SignedIn me, Model model,
			RedirectAttributes redirect) {
		Version version = of(programme, id);
		simulationOf(version, simulation);
		Notice notice;
		try {
			this.simulations.cancel(simulation, me.user());
			notice = Notice.done("policy.done.cancelAsked");
		}
		catch (LifecycleRefused refused) {
			notice = Notice.refused(refused);
		}
		if (htmx == null) {
			redirect.addFlashAttribute("notice", notice);
			return "redirect:" + page(version) + "?simulation=" + simulation + "#impact";
		}
		return simulationFragment(version, this.simulations.get(simulation), notice, model);
	}

	private String simulationFragment(Version version, Simulation simulation, Notice notice, Model model) {
		model.addAttribute("version", version);
		model.addAttribute("programme", version.programme().name().toLowerCase(Locale.ROOT));
		model.addAttribute("shown", simulation);
		model.addAttribute("simulationNotice", notice);
		return "ruleset :: simulation";
	}

	private Simulation simulationOf(Version version, long simulation) {
		Simulation found = this.simulations.get(simulation);
		if (found.rulesetId() != version.id()) {
			throw new NotFoundException("No simulation " + simulation + " of version " + version.id());
		}
		return found;
	}

	// Rollback

	@PostMapping("/rulesets/{programme}/rollbacks")
	String requestRollback(@PathVariable String programme, @RequestParam(required = false) String reason,
			@ModelAttribute("me") SignedIn me, RedirectAttributes redirect) {
		Programme decided = programme(programme);
		return rollbackAction(redirect, () -> {
			Rollback rollback = this.changes.requestRollback(decided, reason, me.user());
			return Notice.done("policy.done.rollbackRequested", rollback.toId(), rollback.fromId());
		});
	}

	@PostMapping("/rulesets/{programme}/rollbacks/{rollback}/approve")
	String approveRollback(@PathVariable String programme, @PathVariable long rollback,
			@RequestParam(required = false) String comment, @ModelAttribute("me") SignedIn me,
			RedirectAttributes redirect) {
		rollbackOf(programme, rollback);
		return rollbackAction(redirect, () -> {
			Rollback done = this.changes.approveRollback(rollback, comment, me.user());
			return Notice.done("policy.done.rollbackApproved", done.toId(), done.fromId());
		});
	}

	@PostMapping("/rulesets/{programme}/rollbacks/{rollback}/refuse")
	String refuseRollback(@PathVariable String programme, @PathVariable long rollback,
			@RequestParam(required = false) String comment, @ModelAttribute("me") SignedIn me,
			RedirectAttributes redirect) {
		rollbackOf(programme, rollback);
		return rollbackAction(redirect, () -> {
			this.changes.refuseRollback(rollback, comment, me.user());
			return Notice.done("policy.done.rollbackRefused");
		});
	}

	private void rollbackOf(String programme, long id) {
		if (this.changes.rollback(id).programme() != programme(programme)) {
			throw new NotFoundException("No rollback " + id + " of " + programme);
		}
	}

	private String rollbackAction(RedirectAttributes redirect, Action action) {
		redirect.addFlashAttribute("notice", attempt(action));
		return "redirect:/rulesets";
	}

	/** One action on a version: its sentence, then the version's page. */
	private String act(Version version, RedirectAttributes redirect, Action action) {
		redirect.addFlashAttribute("notice", attempt(action));
		return "redirect:" + page(version);
	}

	private static Notice attempt(Action action) {
		try {
			return action.run();
		}
		catch (LifecycleRefused refused) {
			return Notice.refused(refused);
		}
		catch (IOException ex) {
			return new Notice("policy.refused.unreadableUpload", true, List.of());
		}
	}

	@FunctionalInterface
	private interface Action {

		Notice run() throws IOException;

	}

	private static String page(Version version) {
		return "/rulesets/" + version.programme().name().toLowerCase(Locale.ROOT) + "/versions/" + version.id();
	}

	private Version of(String programme, long id) {
		Version version = this.changes.version(id);
		if (!version.programme().name().equalsIgnoreCase(programme)) {
			throw new NotFoundException("No version " + id + " of " + programme);
		}
		return version;
	}

	private static Programme programme(String name) {
		for (Programme programme : Programme.values()) {
			if (programme.name().equalsIgnoreCase(name)) {
				return programme;
			}
		}
		throw new NotFoundException("No programme " + name);
	}

	/** A date-and-time field of the approval form, read in UTC; empty means now. */
	private static Instant instant(String text) {
		if (text == null || text.isBlank()) {
			return null;
		}
		try {
			return LocalDateTime.parse(text.trim()).toInstant(ZoneOffset.UTC);
		}
		catch (DateTimeParseException ex) {
			throw new LifecycleRefused(LifecycleRefused.Why.INVALID, "effectiveFrom",
					"'" + text + "' is not a date and time.", "dateTime", text);
		}
	}

	/** A date field of the simulation form: the start of that day, in UTC. */
	private static Instant day(String text, String field) {
		if (text == null || text.isBlank()) {
			return null;
		}
		try {
			return LocalDate.parse(text.trim()).atStartOfDay().toInstant(ZoneOffset.UTC);
		}
		catch (DateTimeParseException ex) {
			throw new LifecycleRefused(LifecycleRefused.Why.INVALID, field, "'" + text + "' is not a date.", "date",
					text);
		}
	}

}
