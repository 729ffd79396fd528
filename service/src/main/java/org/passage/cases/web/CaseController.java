package org.passage.cases.web;

import java.net.URI;
import java.time.Year;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.passage.cases.Case;
import org.passage.cases.CaseService;
import org.passage.cases.CaseStatus;
import org.passage.cases.CaseSummary;
import org.passage.cases.CaseType;
import org.passage.cases.CaseView;
import org.passage.cases.Nationality;
import org.passage.cases.Person;
import org.passage.cases.Staff;
import org.passage.rules.facts.FieldError;
import org.passage.web.InvalidRequestException;
import org.passage.web.PlainText;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.Authentication;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** The case API for case officers, supervisors and approvers, scoped to their offices. */
@RestController
@RequestMapping("/api/v1")
@Tag(name = "Cases", description = "Open and read cases, add notes, withdraw consent")
@Validated
class CaseController {

	/** An account's user id, as Camunda's identity service allows it. */
	private static final String ACCOUNT = "[a-zA-Z0-9_.-]{1,64}";

	private final CaseService cases;

	CaseController(CaseService cases) {
		this.cases = cases;
	}

	/** What an officer gives to open a case. */
	record OpenCase(@NotNull CaseType type, @NotNull @Pattern(regexp = "[A-Z]{3}") String office,
			@NotNull @Valid PersonInput person) {
	}

	record PersonInput(@NotBlank @Size(max = 200) @PlainText String givenName,
			@NotBlank @Size(max = 200) @PlainText String familyName, @NotNull Person.Sex sex,
			@Min(1900) @Max(2100) Integer birthYear, @Pattern(regexp = "[A-Z]{3}") String nationality) {

		/**
		 * The person, once what a field's own constraints cannot say holds: a birth year
		 * that has come, a nationality that exists.
		 */
		Person toPerson() {
			List<FieldError> errors = new ArrayList<>();
			if (this.birthYear != null && this.birthYear > Year.now(ZoneOffset.UTC).getValue()) {
				errors.add(new FieldError("person.birthYear", "must not be in the future", List.of()));
			}
			if (this.nationality != null && !Nationality.isKnown(this.nationality)) {
				errors.add(new FieldError("person.nationality",
						"is not a country's ISO 3166-1 alpha-3 code, nor XXA (stateless), XXB, XXC or XXX", List.of()));
			}
			if (!errors.isEmpty()) {
				throw new InvalidRequestException("Some fields are out of range.", errors);
			}
			return new Person(this.givenName, this.familyName, this.sex, this.birthYear, this.nationality);
		}

	}

	record Opened(String reference, CaseType type, String office, CaseStatus status) {
	}

	record NoteInput(@NotBlank @Size(max = 5000) @PlainText(multiline = true) String text) {
	}

	record Offices(@NotNull @Size(max = 50) List<@NotNull @Pattern(regexp = "[A-Z]{3}") String> offices) {
	}

	@PostMapping("/cases")
	@PreAuthorize("hasRole('CASE_OFFICER')")
	@Operation(operationId = "openCase", summary = "Open a case in one of your offices and start its process")
	ResponseEntity<Opened> open(@Valid @RequestBody OpenCase request, Authentication caller) {
		Case file = this.cases.open(request.type(), request.office(), request.person().toPerson(), staff(caller));
		return ResponseEntity.created(URI.create("/api/v1/cases/" + file.reference()))
			.body(new Opened(file.reference(), file.type(), file.office(), file.status()));
	}

	@GetMapping("/cases/{reference}")
	@Operation(operationId = "readCase", summary = "A case file, person included (the read is audited)")
	CaseView read(@PathVariable String reference, Authentication caller) {
		return this.cases.read(reference, staff(caller));
	}

	@GetMapping("/cases")
	@Operation(operationId = "listCases", summary = "Cases of your offices, newest first (no personal data)")
	List<CaseSummary> list(@RequestParam(required = false) CaseStatus status,
			@RequestParam(defaultValue = "0") @Min(0) int page,
			@RequestParam(defaultValue = "50") @Min(1) @Max(200) int size, Authentication caller) {
		return this.cases.list(staff(caller), status, page, size);
	}

	@PostMapping("/cases/{reference}/notes")
	@Operation(operationId = "addCaseNote", summary = "Add a note to a case")
	ResponseEntity<Void> note(@PathVariable String reference, @Valid @RequestBody NoteInput note,
			Authentication caller) {
		this.cases.note(reference, staff(caller), note.text());
		return ResponseEntity.noContent().build();
	}

	@PostMapping("/cases/{reference}/consent:withdraw")
	@Operation(operationId = "withdrawConsent", summary = "Record that the person withdrew consent: assistance stops")
	ResponseEntity<Void> withdrawConsent(@PathVariable String reference, Authentication caller) {
		this.cases.withdrawConsent(reference, staff(caller));
		return ResponseEntity.noContent().build();
	}

	@PostMapping("/cases/{reference}/voluntariness:revoke")
	@Operation(operationId = "revokeVoluntariness",
			summary = "Record that the returnee revoked the voluntariness declaration (before departure only)")
	ResponseEntity<Void> revokeVoluntariness(@PathVariable String reference, Authentication caller) {
		this.cases.revokeVoluntariness(reference, staff(caller));
		return ResponseEntity.noContent().build();
	}

	@PutMapping("/staff/{user}/offices")
	@PreAuthorize("hasRole('ADMIN')")
	@Operation(operationId = "assignStaffOffices",
			summary = "Set the offices an account works for (operators): staff see those offices' cases, "
					+ "a calling system may link decisions to them")
	ResponseEntity<Void> assignOffices(@PathVariable @Pattern(regexp = ACCOUNT) String user,
			@Valid @RequestBody Offices offices) {
		if (offices.offices().isEmpty()) {
			throw new InvalidRequestException("Give at least one office.",
					List.of(new FieldError("offices", "must not be empty", List.of())));
		}
		this.cases.assignOffices(user, new ArrayList<>(new java.util.LinkedHashSet<>(offices.offices())));
		return ResponseEntity.noContent().build();
	}

	record AssignedOffices(List<String> offices) {
	}

	@GetMapping("/staff/{user}/offices")
	@PreAuthorize("hasRole('ADMIN')")
	@Operation(operationId = "getStaffOffices", summary = "The offices an account works for (operators)")
	AssignedOffices offices(@PathVariable @Pattern(regexp = ACCOUNT) String user) {
		return new AssignedOffices(this.cases.officesOf(user));
	}

	@DeleteMapping("/staff/{user}/offices/{office}")
	@PreAuthorize("hasRole('ADMIN')")
	@Operation(operationId = "removeStaffOffice",
			summary = "Take an office from an account (operators); its cases are then out of the account's reach")
	ResponseEntity<Void> removeOffice(@PathVariable @Pattern(regexp = ACCOUNT) String user,
			@PathVariable @Pattern(regexp = "[A-Z]{3}") String office) {
		this.cases.removeOffice(user, office);
		return ResponseEntity.noContent().build();
	}

	private Staff staff(Authentication caller) {
		return this.cases.staff(caller);
	}

}
