package org.passage.ui;

import org.passage.cases.CaseService;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;

/**
 * A case file, read as the case API reads it: only by staff of the case's office (to
 * anyone else it does not exist: a 404 page), and the read of the person is audited in
 * the reading transaction. Every page user holds a casework role (the pages' security
 * chain), so the person is shown.
 */
@Controller
class CaseFileController {

	private final CaseService cases;

	CaseFileController(CaseService cases) {
		this.cases = cases;
	}

	@GetMapping("/cases/{reference}")
	String file(@PathVariable String reference, Authentication caller, Model model) {
		model.addAttribute("file", this.cases.read(reference, this.cases.staff(caller)));
		return "case";
	}

}
