package org.passage.decisiontables.web;

import java.io.IOException;
import java.net.URI;
import java.security.Principal;
import java.time.Instant;
import java.util.List;

import org.passage.decisiontables.LifecycleRefused;
import org.passage.decisiontables.PolicyChanges;
import org.passage.decisiontables.PolicyChanges.Report;
import org.passage.decisiontables.Version;
import org.passage.decisiontables.Version.Event;
import org.passage.rules.decision.Programme;
import org.passage.rules.facts.FieldError;
import org.passage.rules.table.TableFile;
import org.passage.web.InvalidRequestException;
import org.passage.web.NotFoundException;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.lang.Nullable;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.ExceptionHandler;
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

	@GetMapping("/{programme}/versions")
	@PreAuthorize(READERS)
	List<Version> versions(@PathVariable String programme) {
		return this.changes.versions(programme(programme));
	}

	@PostMapping(path = "/{programme}/drafts", consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
	@PreAuthorize("hasRole('POLICY_EDITOR')")
	ResponseEntity<Report> upload(@PathVariable String programme, @RequestParam(required = false) MultipartFile file,
			@RequestParam(required = false) String changeNote, Principal user) throws IOException {
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
		// The stored name is the programme's, so that versions of one table hash alike.
		TableFile table = new TableFile(decided.definition().tableFolder() + ".xlsx", file.getBytes());
		Report report = this.changes.upload(decided, table, changeNote, user.getName());
		return ResponseEntity.created(URI.create("/api/v1/rulesets/versions/" + report.version().id())).body(report);
	}

	@GetMapping("/versions/{id}")
	@PreAuthorize(READERS)
	VersionWithHistory version(@PathVariable long id) {
		return new VersionWithHistory(this.changes.version(id), this.changes.history(id));
	}

	@GetMapping("/versions/{id}/report")
	@PreAuthorize(READERS)
	Report report(@PathVariable long id) {
		return this.changes.report(id);
	}

	/** The version's workbook, byte for byte as uploaded (or shipped). */
	@GetMapping("/versions/{id}/file")
	@PreAuthorize(READERS)
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

	@PostMapping("/versions/{id}/submit")
	@PreAuthorize("hasRole('POLICY_EDITOR')")
	Version submit(@PathVariable long id, Principal user) {
		return this.changes.submit(id, user.getName());
	}

	@PostMapping("/versions/{id}/approve")
	@PreAuthorize("hasRole('POLICY_APPROVER')")
	Version approve(@PathVariable long id, @RequestBody(required = false) @Nullable Approval approval, Principal user) {
		Approval given = approval == null ? new Approval(null, null) : approval;
		return this.changes.approve(id, given.effectiveFrom(), given.comment(), user.getName());
	}

	@PostMapping("/versions/{id}/reject")
	@PreAuthorize("hasRole('POLICY_APPROVER')")
	Version reject(@PathVariable long id, @RequestBody(required = false) @Nullable Rejection rejection,
			Principal user) {
		if (rejection == null || rejection.comment() == null || rejection.comment().isBlank()) {
			throw invalid("comment", "Say why the version is rejected: its author reads it.");
		}
		return this.changes.reject(id, rejection.comment(), user.getName());
	}

	@ExceptionHandler(LifecycleRefused.class)
	ResponseEntity<ProblemDetail> refused(LifecycleRefused ex) {
		HttpStatus status = switch (ex.why()) {
			case OWN_VERSION -> HttpStatus.FORBIDDEN;
			case WRONG_STATUS, HAS_FINDINGS, DUPLICATE -> HttpStatus.CONFLICT;
		};
		if (ex.field().equals("effectiveFrom")) {
			status = HttpStatus.BAD_REQUEST;
		}
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, ex.getMessage());
		problem.setType(URI.create("urn:passage:problem:ruleset-" + ex.why().name().toLowerCase().replace('_', '-')));
		problem.setTitle(status.getReasonPhrase());
		problem.setProperty("errors", List.of(new FieldError(ex.field(), ex.getMessage(), List.of())));
		return ResponseEntity.status(status).contentType(MediaType.APPLICATION_PROBLEM_JSON).body(problem);
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
