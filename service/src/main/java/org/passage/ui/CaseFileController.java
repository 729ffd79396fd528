package org.passage.ui;

import org.passage.cases.CaseService;
import org.passage.cases.CaseView;
import org.passage.cases.Staff;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.ErrorResponseException;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * A case file, read as the case API reads it: only by staff of the case's office (to
 * anyone else it does not exist: a 404 page), and the read of the person is audited in
 * the reading transaction. Every page user holds a casework role (the pages' security
 * chain), so the person is shown. Notes and a withdrawal of consent are recorded here,
 * each confirmed above the file.
 */
@Controller
class CaseFileController {

	private static final int NOTE_LENGTH = 5000;

	private final CaseService cases;

	private final People people;

	CaseFileController(CaseService cases, People people) {
		this.cases = cases;
		this.people = people;
	}

	@GetMapping("/cases/{reference}")
	String file(@PathVariable String reference, Authentication caller, Model model) {
		CaseView file = this.cases.read(reference, this.cases.staff(caller));
		model.addAttribute("file", file);
		model.addAttribute("officerName", file.officer() == null ? null : this.people.nameOf(file.officer()));
		return "case";
	}

	@PostMapping("/cases/{reference}/notes")
	String note(@PathVariable String reference, @RequestParam(defaultValue = "") String text, Authentication caller,
			RedirectAttributes redirect) {
		Staff staff = this.cases.staff(caller);
		String note = text.strip();
		if (note.isEmpty() || note.length() > NOTE_LENGTH
				|| note.chars().anyMatch(c -> Character.isISOControl(c) && c != '\n' && c != '\r' && c != '\t')) {
			this.cases.visible(reference, staff); // another office's case stays a 404
			redirect.addFlashAttribute("noteError", "case.note.invalid");
			redirect.addFlashAttribute("noteText", text);
			return "redirect:/cases/" + reference + "#notes";
		}
		this.cases.note(reference, staff, note);
		redirect.addFlashAttribute("notice", new StepController.Notice("case.note.added", null, reference));
		return "redirect:/cases/" + reference + "#notes";
	}

	@PostMapping("/cases/{reference}/consent/withdraw")
	String withdrawConsent(@PathVariable String reference, @RequestParam(defaultValue = "false") boolean confirmed,
			Authentication caller, RedirectAttributes redirect) {
		Staff staff = this.cases.staff(caller);
		if (!confirmed) {
			this.cases.visible(reference, staff);
			redirect.addFlashAttribute("withdrawError", "case.consent.confirmFirst");
			return "redirect:/cases/" + reference + "#consent";
		}
		try {
			this.cases.withdrawConsent(reference, staff);
			redirect.addFlashAttribute("notice",
					new StepController.Notice("case.consent.withdrawnDone", null, reference));
		}
		catch (ErrorResponseException refused) {
			if (refused.getStatusCode().value() != 409) {
				throw refused;
			}
			redirect.addFlashAttribute("withdrawError", "case.consent.nothingToWithdraw");
		}
		return "redirect:/cases/" + reference + "#consent";
	}

}
