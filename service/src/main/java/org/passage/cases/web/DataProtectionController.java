package org.passage.cases.web;

import java.time.Period;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import org.passage.cases.CaseService;
import org.passage.cases.Erased;
import org.passage.cases.Resealed;
import org.passage.cases.SubjectAccessExport;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Data protection: a person's access to their data (supervisors of the case's office,
 * with the person's request as the reason), sealing personal data again after a key
 * rotation and applying retention now (operators, who never see the data).
 */
@RestController
@RequestMapping("/api/v1")
@Tag(name = "Data protection", description = "Subject access, key rotation and retention")
class DataProtectionController {

	private final CaseService cases;

	private final Period keptFor;

	DataProtectionController(CaseService cases,
			@Value("${passage.retention.closed-cases-kept-for:P2Y}") Period keptFor) {
		this.cases = cases;
		this.keptFor = keptFor;
	}

	/** Why the data is exported: the person's request, as the office recorded it. */
	record ExportReason(@NotBlank @Size(max = 500) String reason) {
	}

	@PostMapping("/cases/{reference}/subject-access-export")
	@PreAuthorize("hasRole('SUPERVISOR')")
	@Operation(operationId = "exportForSubject",
			summary = "Everything Passage holds about the person of this case, for them (supervisors of the case's "
					+ "office; the reason is required and recorded)")
	ResponseEntity<SubjectAccessExport> export(@PathVariable String reference, @Valid @RequestBody ExportReason request,
			Authentication caller) {
		SubjectAccessExport export = this.cases.exportForSubject(reference, this.cases.staff(caller),
				request.reason().strip());
		return ResponseEntity.ok()
			.header(HttpHeaders.CONTENT_DISPOSITION,
					ContentDisposition.attachment().filename(reference + "-subject-access.json").build().toString())
			.header(HttpHeaders.CACHE_CONTROL, "no-store")
			.body(export);
	}

	@PostMapping("/operations/retention:apply")
	@PreAuthorize("hasRole('ADMIN')")
	@Operation(operationId = "applyRetention",
			summary = "Erase now the data of people whose cases all closed longer ago than the retention period "
					+ "(operators; it also runs every night)")
	Erased applyRetention(Authentication caller) {
		return this.cases.applyRetention(this.keptFor, caller.getName());
	}

	@PostMapping("/operations/personal-data:reseal")
	@PreAuthorize("hasRole('ADMIN')")
	@Operation(operationId = "resealPersonalData",
			summary = "After a key rotation, seal again under the primary keys what older keys sealed (operators)")
	Resealed reseal(Authentication caller) {
		return this.cases.resealPersonalData(caller.getName());
	}

}
