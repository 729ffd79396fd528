package org.passage.ui;

import java.util.List;
import java.util.regex.Pattern;

import org.passage.audit.AuditEntry;
import org.passage.audit.AuditTrail;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

import jakarta.servlet.http.HttpServletResponse;

/**
 * The auditor's page: given a case reference, who read and changed the file of the person
 * it is about (all their cases), newest first. The page shows the trail, never the file;
 * asking is itself recorded.
 */
@Controller
class AuditPageController {

	private static final Pattern REFERENCE = Pattern.compile("[A-Z]{2,5}-\\d{4}-\\d{6}");

	private final AuditTrail trail;

	AuditPageController(AuditTrail trail) {
		this.trail = trail;
	}

	@GetMapping("/audit")
	String audit(@RequestParam(defaultValue = "") String reference, Authentication caller, Model model,
			HttpServletResponse response) {
		String asked = reference.strip().toUpperCase(java.util.Locale.ROOT);
		model.addAttribute("reference", asked);
		model.addAttribute("entries", List.<AuditEntry>of());
		if (asked.isEmpty()) {
			return "audit";
		}
		if (!REFERENCE.matcher(asked).matches()) {
			response.setStatus(HttpStatus.BAD_REQUEST.value());
			model.addAttribute("error", "audit.error.reference");
			return "audit";
		}
		List<AuditEntry> entries = this.trail.ofPersonOfCase(asked, caller.getName()).orElse(null);
		if (entries == null) {
			response.setStatus(HttpStatus.NOT_FOUND.value());
			model.addAttribute("error", "audit.error.unknown");
			return "audit";
		}
		model.addAttribute("entries", entries);
		model.addAttribute("answered", true);
		return "audit";
	}

}
