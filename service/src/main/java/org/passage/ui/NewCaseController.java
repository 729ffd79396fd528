package org.passage.ui;

import java.time.Clock;
import java.time.Year;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.passage.cases.Case;
import org.passage.cases.CaseService;
import org.passage.cases.CaseType;
import org.passage.cases.Nationality;
import org.passage.cases.Person;
import org.passage.cases.Staff;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import jakarta.servlet.http.HttpServletResponse;

/**
 * Registering a case: its type, office and person. Before it opens a case for a person
 * who may already have one open in the office (same name, same birth year), the page says
 * which, and the officer opens it anyway only by saying so.
 */
@Controller
class NewCaseController {

	private static final int NAME_LENGTH = 200;

	private final CaseService cases;

	private final Clock clock;

	NewCaseController(CaseService cases, Clock clock) {
		this.cases = cases;
		this.clock = clock;
	}

	/** The registration form as posted. */
	record Registration(CaseType type, String office, String givenName, String familyName, Person.Sex sex,
			String birthYear, String nationality) {

		Registration {
			givenName = givenName == null ? "" : givenName.strip();
			familyName = familyName == null ? "" : familyName.strip();
			birthYear = birthYear == null ? "" : birthYear.strip();
			nationality = nationality == null ? "" : nationality.strip().toUpperCase(Locale.ROOT);
		}

		Person person() {
			return new Person(this.givenName, this.familyName, this.sex,
					this.birthYear.isEmpty() ? null : Integer.valueOf(this.birthYear),
					this.nationality.isEmpty() ? null : this.nationality);
		}

	}

	@GetMapping("/cases/new")
	String form(@RequestParam(required = false) CaseType type, Authentication caller, Model model) {
		Staff staff = this.cases.staff(caller);
		String office = staff.offices().size() == 1 ? staff.offices().iterator().next() : null;
		draw(model, staff, new Registration(type, office, null, null, null, null, null), Map.of(), List.of());
		return "new-case";
	}

	@PostMapping("/cases")
	String open(@ModelAttribute Registration registration, @RequestParam(defaultValue = "false") boolean openAnyway,
			Authentication caller, Model model, RedirectAttributes redirect, HttpServletResponse response) {
		Staff staff = this.cases.staff(caller);
		Map<String, String> errors = check(registration, staff);
		if (!errors.isEmpty()) {
			response.setStatus(HttpStatus.UNPROCESSABLE_ENTITY.value());
			draw(model, staff, registration, errors, List.of());
			return "new-case";
		}
		Person person = registration.person();
		if (!openAnyway) {
			List<String> same = this.cases.openCasesOfSameName(registration.office(), person, staff);
			if (!same.isEmpty()) {
				response.setStatus(HttpStatus.CONFLICT.value());
				draw(model, staff, registration, errors, same);
				return "new-case";
			}
		}
		Case file = this.cases.open(registration.type(), registration.office(), person, staff);
		redirect.addFlashAttribute("notice", new StepController.Notice("newCase.opened", null, file.reference()));
		return "redirect:/cases/" + file.reference();
	}

	/** Each field at fault, with the message key that says what to do. */
	private Map<String, String> check(Registration registration, Staff staff) {
		Map<String, String> errors = new LinkedHashMap<>();
		if (registration.type() == null) {
			errors.put("type", "newCase.error.type");
		}
		if (registration.office() == null || !staff.offices().contains(registration.office())) {
			errors.put("office", "newCase.error.office");
		}
		if (registration.givenName().isEmpty() || registration.givenName().length() > NAME_LENGTH
				|| hasControlCharacters(registration.givenName())) {
			errors.put("givenName", "newCase.error.name");
		}
		if (registration.familyName().isEmpty() || registration.familyName().length() > NAME_LENGTH
				|| hasControlCharacters(registration.familyName())) {
			errors.put("familyName", "newCase.error.name");
		}
		if (registration.sex() == null) {
			errors.put("sex", "newCase.error.sex");
		}
		if (!registration.birthYear().isEmpty()) {
			int thisYear = Year.now(this.clock).getValue();
			boolean year = registration.birthYear().matches("\\d{4}")
					&& Integer.parseInt(registration.birthYear()) >= 1900
					&& Integer.parseInt(registration.birthYear()) <= thisYear;
			if (!year) {
				errors.put("birthYear", "newCase.error.birthYear");
			}
		}
		if (!registration.nationality().isEmpty() && !Nationality.isKnown(registration.nationality())) {
			errors.put("nationality", "newCase.error.nationality");
		}
		return errors;
	}

	private static boolean hasControlCharacters(String text) {
		return text.chars().anyMatch(Character::isISOControl);
	}

	private void draw(Model model, Staff staff, Registration registration, Map<String, String> errors,
			List<String> sameName) {
		model.addAttribute("registration", registration);
		model.addAttribute("errors", errors);
		model.addAttribute("sameName", sameName);
		model.addAttribute("types", CaseType.values());
		model.addAttribute("sexes", Person.Sex.values());
		model.addAttribute("offices", staff.offices().stream().sorted().toList());
		model.addAttribute("thisYear", Year.now(this.clock).getValue());
	}

}
