package org.passage.decisiontables.web;

import java.io.IOException;
import java.net.URI;
import java.security.Principal;
import java.time.Instant;
import java.util.List;

import io.swagger.v3.oas.annotations.Operation;
import org.passage.decisiontables.LifecycleRefused;
import org.passage.decisiontables.PolicyChanges;
import org.passage.decisiontables.PolicyChanges.Report;
import org.passage.decisiontables.Rollback;
import org.passage.decisiontables.Version;
import org.passage.decisiontables.VersionScenarios;
import org.passage.decisiontables.Version.Event;
import org.passage.rules.decision.Programme;
import org.passage.rules.facts.FieldError;
import org.passage.rules.table.TableFile;
import org.passage.web.InvalidRequestException;
import org.passage.web.NotFoundException;
import org.passage.web.PlainText;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.lang.Nullable;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;

/**
 * Policy staff change a decision table: upload a draft and read its report at once,
 * submit it, and (another person) approve or reject it. Editors upload and submit,
 * approvers approve; both read.
 */
@RestController
@RequestMapping("/api/v1/rulesets")
class PolicyController {

	private static final String READERS = "hasAnyRole('POLICY_EDITOR', 'POLICY_APPROVER')";

	private final PolicyChanges changes;

	PolicyController(PolicyChanges changes) {
		this.changes = changes;
	}

	/** A version with its lifecycle history. */
	record VersionWithHistory(Version version, List<Event> history) {
	}

	/** An approval: when the version takes effect (now when absent), and a comment. */
	record Approval(@Nullable Instant effectiveFrom, @Nullable String comment) {
	}

	/** A rejection, which needs a comment saying why. */
	record Rejection(@Nullable String comment) {
	}

	@GetMapping("/programmes/{programme}/versions")
	@PreAuthorize(READERS)
	@Operation(summary = "Every version of a programme's tables, newest first, with its status")
	List<Version> versions(@PathVariable String programme) {
		return this.changes.versions(programme(programme));
	}

	/**
	 * The address before issue 12, out of the API document: it was ambiguous with
	 * {@code /versions/{id}}.
	 */
	@Operation(hidden = true)
	@GetMapping("/{programme}/versions")
	@PreAuthorize(READERS)
	List<Version> versionsAtFormerAddress(@PathVariable String programme) {
		return versions(programme);
	}

	/**
	 * The address before issue 12, out of the API document: it was ambiguous with
	 * {@code /versions/{id}}.
	 */
	@Operation(hidden = true)
	@PostMapping(path = "/{programme}/drafts", consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
	@PreAuthorize("hasRole('POLICY_EDITOR')")
	ResponseEntity<Report> uploadAtFormerAddress(@PathVariable String programme,
			@RequestParam(required = false) MultipartFile file, @RequestParam(required = false) String changeNote,
			@RequestParam(required = false) @Nullable MultipartFile scenarios, Principal user) throws IOException {
		return upload(programme, file, changeNote, scenarios, user);
	}

	@PostMapping(path = "/programmes/{programme}/drafts", consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
	@PreAuthorize("hasRole('POLICY_EDITOR')")
	@Operation(summary = "Upload a draft of a programme's tables (.xlsx) and read its validation report at once")
	ResponseEntity<Report> upload(@PathVariable String programme, @RequestParam(required = false) MultipartFile file,
			@RequestParam(required = false) String changeNote,
			@RequestParam(required = false) @Nullable MultipartFile scenarios, Principal user) throws IOException {
		Programme decided = programme(programme);
		if (file == null || file.isEmpty()) {
			throw invalid("file", "Attach the workbook (an .xlsx file) as the part 'file'.");
		}
		String name = file.getOriginalFilename() == null ? "" : file.getOriginalFilename();
		if (!name.toLowerCase(java.util.Locale.ROOT).endsWith(".xlsx")) {
			throw invalid("file", "The file must be an .xlsx workbook; '" + name + "' is not.");
		}
		if (changeNote == null || changeNote.isBlank()) {
			throw invalid("changeNote", "Say what the draft changes and why.");
		}
		if (!PlainText.Check.isPlain(changeNote, true)) {
			throw invalid("changeNote", "The change note must not contain control characters.");
		}
		// The stored name is the programme's, so that versions of one table hash alike.
		TableFile table = new TableFile(decided.definition().tableFolder() + ".xlsx", file.getBytes());
		Report report = this.changes.upload(decided, table, changeNote, user.getName(),
				scenarios == null || scenarios.isEmpty() ? null : scenarios.getBytes());
		return ResponseEntity.created(URI.create("/api/v1/rulesets/versions/" + report.version().id())).body(report);
	}

	@GetMapping("/versions/{id}")
	@PreAuthorize(READERS)
	@Operation(summary = "A version of a programme's tables, with its lifecycle history")
	VersionWithHistory version(@PathVariable long id) {
		return new VersionWithHistory(this.changes.version(id), this.changes.history(id));
	}

	@GetMapping("/versions/{id}/report")
	@PreAuthorize(READERS)
	@Operation(summary = "The validation and scenario report of a version")
	Report report(@PathVariable long id) {
		return this.changes.report(id);
	}

	/**
	 * What a version changes, by table row and cell: against {@code against} when given,
	 * else against the version in effect (for the version in effect, the one it
	 * replaced).
	 */
	@GetMapping("/versions/{id}/diff")
	@PreAuthorize(READERS)
	@Operation(summary = "What a version changes, by table row and cell, old and new values")
	PolicyChanges.Comparison diff(@PathVariable long id, @RequestParam(required = false) @Nullable Long against) {
		return this.changes.diff(id, against);
	}

	/** The version's workbook, byte for byte as uploaded (or shipped). */
	@GetMapping("/versions/{id}/file")
	@PreAuthorize(READERS)
	@Operation(summary = "The workbook of a version, byte for byte as uploaded")
	ResponseEntity<byte[]> file(@PathVariable long id) {
		List<TableFile> files = this.changes.files(id);
		if (files.isEmpty()) {
			throw new NotFoundException("Version " + id + " has no file");
		}
		TableFile file = files.get(0);
		return ResponseEntity.ok()
			.header(HttpHeaders.CONTENT_DISPOSITION,
					ContentDisposition.attachment().filename("v" + id + "-" + file.name()).build().toString())
			.contentType(MediaType.parseMediaType("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"))
			.body(file.content());
	}

	/**
	 * The scenarios the version is tried on, as CSV; where they come from in a header.
	 */
	@GetMapping("/versions/{id}/scenarios")
	@PreAuthorize(READERS)
	@Operation(summary = "The scenarios a version is tried on, as CSV")
	ResponseEntity<byte[]> scenarios(@PathVariable long id) {
		VersionScenarios scenarios = this.changes.scenarios(id);
		return ResponseEntity.ok()
			.header(HttpHeaders.CONTENT_DISPOSITION,
					ContentDisposition.attachment().filename("v" + id + "-scenarios.csv").build().toString())
			.header("Scenarios-Origin", scenarios.origin().name())
			.contentType(new MediaType("text", "csv", java.nio.charset.StandardCharsets.UTF_8))
			.body(scenarios.csv());
	}

	/** The draft's author revises the scenarios it is tried on; its report at once. */
	@PostMapping(path = "/versions/{id}/scenarios", consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
	@PreAuthorize("hasRole('POLICY_EDITOR')")
	@Operation(summary = "Revise the scenarios a draft is tried on, and read its report at once")
	Report reviseScenarios(@PathVariable long id, @RequestParam(required = false) @Nullable MultipartFile scenarios,
			Principal user) throws IOException {
		if (scenarios == null || scenarios.isEmpty()) {
			throw invalid("scenarios", "Attach the scenario file (CSV) as the part 'scenarios'.");
		}
		return this.changes.reviseScenarios(id, scenarios.getBytes(), user.getName());
	}

	@PostMapping("/versions/{id}/submit")
	@PreAuthorize("hasRole('POLICY_EDITOR')")
	@Operation(summary = "Submit a draft for another person's approval")
	Version submit(@PathVariable long id, Principal user) {
		return this.changes.submit(id, user.getName());
	}

	@PostMapping("/versions/{id}/approve")
	@PreAuthorize("hasRole('POLICY_APPROVER')")
	@Operation(summary = "Approve another person's version, to take effect now or later")
	Version approve(@PathVariable long id, @RequestBody(required = false) @Nullable Approval approval, Principal user) {
		Approval given = approval == null ? new Approval(null, null) : approval;
		if (given.comment() != null && !PlainText.Check.isPlain(given.comment(), true)) {
			throw invalid("comment", "The comment must not contain control characters.");
		}
		return this.changes.approve(id, given.effectiveFrom(), given.comment(), user.getName());
	}

	@PostMapping("/versions/{id}/reject")
	@PreAuthorize("hasRole('POLICY_APPROVER')")
	@Operation(summary = "Reject another person's version, saying why")
	Version reject(@PathVariable long id, @RequestBody(required = false) @Nullable Rejection rejection,
			Principal user) {
		if (rejection == null || rejection.comment() == null || rejection.comment().isBlank()) {
			throw invalid("comment", "Say why the version is rejected: its author reads it.");
		}
		if (!PlainText.Check.isPlain(rejection.comment(), true)) {
			throw invalid("comment", "The comment must not contain control characters.");
		}
		return this.changes.reject(id, rejection.comment(), user.getName());
	}

	/** A rollback request: why the previous version must be in effect again. */
	record RollbackRequest(@Nullable String reason) {
	}

	/** A second person's answer to a rollback: a comment (required to refuse). */
	record RollbackAnswer(@Nullable String comment) {
	}

	@GetMapping("/programmes/{programme}/rollbacks")
	@PreAuthorize(READERS)
	@Operation(summary = "A programme's rollbacks, asked for and answered")
	List<Rollback> rollbacks(@PathVariable String programme) {
		return this.changes.rollbacks(programme(programme));
	}

	/**
	 * Asks for the version in effect before the current one to be put back in effect; a
	 * second person approves it.
	 */
	@PostMapping("/programmes/{programme}/rollbacks")
	@PreAuthorize(READERS)
	@Operation(summary = "Ask for the version in effect before the current one to be put back in effect")
	ResponseEntity<Rollback> requestRollback(@PathVariable String programme,
			@RequestBody(required = false) @Nullable RollbackRequest request, Principal user) {
		Rollback rollback = this.changes.requestRollback(programme(programme),
				request == null ? null : request.reason(), user.getName());
		return ResponseEntity.created(URI.create("/api/v1/rulesets/rollbacks/" + rollback.id())).body(rollback);
	}

	@PostMapping("/rollbacks/{id}/approve")
	@PreAuthorize("hasRole('POLICY_APPROVER')")
	@Operation(summary = "Approve another person's rollback: it takes effect at once")
	Rollback approveRollback(@PathVariable long id, @RequestBody(required = false) @Nullable RollbackAnswer answer,
			Principal user) {
		return this.changes.approveRollback(id, answer == null ? null : answer.comment(), user.getName());
	}

	@PostMapping("/rollbacks/{id}/refuse")
	@PreAuthorize("hasRole('POLICY_APPROVER')")
	@Operation(summary = "Refuse another person's rollback, saying why")
	Rollback refuseRollback(@PathVariable long id, @RequestBody(required = false) @Nullable RollbackAnswer answer,
			Principal user) {
		return this.changes.refuseRollback(id, answer == null ? null : answer.comment(), user.getName());
	}

	private static InvalidRequestException invalid(String field, String message) {
		return new InvalidRequestException(message, List.of(new FieldError(field, message, List.of())));
	}

	private static Programme programme(String name) {
		for (Programme programme : Programme.values()) {
			if (programme.name().equalsIgnoreCase(name)) {
				return programme;
			}
		}
		throw new NotFoundException("No programme '" + name + "': use gaf, hasm or reintegration.");
	}

}
