package org.passage.ui;

import java.util.List;
import java.util.Locale;

import org.passage.cases.CaseService;
import org.passage.cases.CaseType;
import org.passage.cases.Staff;
import org.passage.tasks.Steps;
import org.springframework.http.HttpStatusCode;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.ErrorResponseException;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The inbox: the steps assigned to me, and the unclaimed steps my groups may take in my
 * offices, filtered by case type and searched by case reference. Claiming and giving back
 * a step are forms (POST, CSRF token); with htmx only the list is redrawn, without it the
 * page is.
 */
@Controller
class InboxController {

	private static final String HTMX = "HX-Request";

	private final Steps steps;

	private final CaseService cases;

	InboxController(Steps steps, CaseService cases) {
		this.steps = steps;
		this.cases = cases;
	}

	/** The filters of the inbox, as the form sends them. */
	record Filter(CaseType type, String q) {

		boolean keeps(Steps.Step step) {
			return (this.type == null || this.type.name().equals(step.caseType())) && (this.q == null
					|| this.q.isBlank()
					|| step.caseReference().toUpperCase(Locale.ROOT).contains(this.q.trim().toUpperCase(Locale.ROOT)));
		}

	}

	@GetMapping("/inbox")
	String inbox(@RequestParam(required = false) CaseType type, @RequestParam(required = false) String q,
			@RequestHeader(name = HTMX, required = false) String htmx, Authentication caller, Model model) {
		fill(model, this.cases.staff(caller), new Filter(type, q));
		return htmx != null ? "inbox :: steps" : "inbox";
	}

	@PostMapping("/inbox/{id}/claim")
	String claim(@PathVariable String id, @RequestParam(required = false) CaseType type,
			@RequestParam(required = false) String q, @RequestHeader(name = HTMX, required = false) String htmx,
			Authentication caller, Model model, RedirectAttributes redirect) {
		return act(id, true, new Filter(type, q), htmx, caller, model, redirect);
	}

	@PostMapping("/inbox/{id}/unclaim")
	String unclaim(@PathVariable String id, @RequestParam(required = false) CaseType type,
			@RequestParam(required = false) String q, @RequestHeader(name = HTMX, required = false) String htmx,
			Authentication caller, Model model, RedirectAttributes redirect) {
		return act(id, false, new Filter(type, q), htmx, caller, model, redirect);
	}

	private String act(String id, boolean claim, Filter filter, String htmx, Authentication caller, Model model,
			RedirectAttributes redirect) {
		Staff staff = this.cases.staff(caller);
		Notice notice;
		try {
			Steps.Step step = claim ? this.steps.claim(id, staff) : this.steps.unclaim(id, staff);
			notice = new Notice(claim ? "inbox.claimed" : "inbox.unclaimed.done", false, step.name(),
					step.caseReference());
		}
		catch (ErrorResponseException refused) {
			notice = new Notice(refusal(refused.getStatusCode()), true, null, null);
		}
		if (htmx == null) {
			redirect.addFlashAttribute("notice", notice);
			if (filter.type() != null) {
				redirect.addAttribute("type", filter.type());
			}
			if (filter.q() != null && !filter.q().isBlank()) {
				redirect.addAttribute("q", filter.q());
			}
			return "redirect:/inbox";
		}
		model.addAttribute("notice", notice);
		fill(model, staff, filter);
		return "inbox :: steps";
	}

	private static String refusal(HttpStatusCode status) {
		return switch (status.value()) {
			case 403 -> "inbox.refused.fourEyes";
			case 409 -> "inbox.refused.taken";
			default -> "inbox.refused.other";
		};
	}

	/** What an action did, to confirm it (or to say why not) above the list. */
	record Notice(String key, boolean error, String step, String reference) {
	}

	private void fill(Model model, Staff staff, Filter filter) {
		List<Steps.Step> all = this.steps.inbox(staff).stream().filter(filter::keeps).toList();
		model.addAttribute("mine", all.stream().filter(step -> step.claimedBy(staff.user())).toList());
		model.addAttribute("unclaimed", all.stream().filter(step -> step.assignee() == null).toList());
		model.addAttribute("filter", filter);
		model.addAttribute("types", CaseType.values());
	}

}
