package org.passage.ui;

import org.passage.cases.CaseService;
import org.passage.cases.CaseType;
import org.passage.cases.Staff;
import org.passage.cases.WaitingSteps;
import org.passage.rules.decision.Priority;
import org.passage.tasks.Steps;
import org.springframework.http.HttpStatusCode;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.ErrorResponseException;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * The inbox: the steps assigned to me, and a page of the unclaimed steps my groups may
 * take in my offices; URGENT cases first, then stranded migrants past the HASM decision
 * deadline (highlighted), then the longest waiting. Filtered by case type, step and
 * priority, searched by case reference. Claiming and giving back a step are forms (POST,
 * CSRF token); with htmx only the list is redrawn, without it the page is.
 */
@Controller
class InboxController {

	private static final String HTMX = "HX-Request";

	/** Steps assigned to one person rarely run long: one page of them. */
	private static final int MINE = 100;

	private static final int PAGE_SIZE = 25;

	private final Steps steps;

	private final CaseService cases;

	InboxController(Steps steps, CaseService cases) {
		this.steps = steps;
		this.cases = cases;
	}

	/**
	 * The inbox's filters and page, as its form and links send them; a value the form
	 * never offers (an unknown type, a negative page) is a 400 page.
	 */
	record Filter(CaseType type, String step, Priority priority, String q, Integer page) {

		WaitingSteps.Filter steps() {
			return new WaitingSteps.Filter(this.type, this.step, this.priority, this.q);
		}

		int pageOrFirst() {
			return this.page == null || this.page < 0 ? 0 : this.page;
		}

	}

	@GetMapping("/inbox")
	String inbox(@ModelAttribute("filter") Filter filter, @RequestHeader(name = HTMX, required = false) String htmx,
			Authentication caller, Model model) {
		fill(model, this.cases.staff(caller), filter);
		return htmx != null ? "inbox :: steps" : "inbox";
	}

	@PostMapping("/inbox/{id}/claim")
	String claim(@PathVariable String id, @ModelAttribute("filter") Filter filter,
			@RequestHeader(name = HTMX, required = false) String htmx, Authentication caller, Model model,
			RedirectAttributes redirect) {
		return act(id, true, filter, htmx, caller, model, redirect);
	}

	@PostMapping("/inbox/{id}/unclaim")
	String unclaim(@PathVariable String id, @ModelAttribute("filter") Filter filter,
			@RequestHeader(name = HTMX, required = false) String htmx, Authentication caller, Model model,
			RedirectAttributes redirect) {
		return act(id, false, filter, htmx, caller, model, redirect);
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
			addIfSet(redirect, "type", filter.type());
			addIfSet(redirect, "step", filter.step());
			addIfSet(redirect, "priority", filter.priority());
			addIfSet(redirect, "q", filter.q());
			addIfSet(redirect, "page", filter.page());
			return "redirect:/inbox";
		}
		model.addAttribute("notice", notice);
		fill(model, staff, filter);
		return "inbox :: steps";
	}

	/** The inbox with the same filters, on another page. */
	private static String link(Filter filter, int page) {
		UriComponentsBuilder link = UriComponentsBuilder.fromPath("/inbox");
		if (filter.type() != null) {
			link.queryParam("type", filter.type());
		}
		if (filter.step() != null && !filter.step().isBlank()) {
			link.queryParam("step", filter.step());
		}
		if (filter.priority() != null) {
			link.queryParam("priority", filter.priority());
		}
		if (filter.q() != null && !filter.q().isBlank()) {
			link.queryParam("q", filter.q());
		}
		return link.queryParam("page", page).encode().build().toUriString();
	}

	private static void addIfSet(RedirectAttributes redirect, String name, Object value) {
		if (value != null && !value.toString().isBlank()) {
			redirect.addAttribute(name, value);
		}
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
		WaitingSteps.Filter narrowed = filter.steps();
		model.addAttribute("mine", this.steps.inbox(staff, WaitingSteps.Whose.MINE, narrowed, 0, MINE).steps());
		WaitingSteps.Page unclaimed = this.steps.inbox(staff, WaitingSteps.Whose.UNCLAIMED, narrowed,
				filter.pageOrFirst(), PAGE_SIZE);
		model.addAttribute("unclaimed", unclaimed);
		model.addAttribute("previous", unclaimed.hasPrevious() ? link(filter, unclaimed.page() - 1) : null);
		model.addAttribute("next", unclaimed.hasNext() ? link(filter, unclaimed.page() + 1) : null);
		model.addAttribute("types", CaseType.values());
		model.addAttribute("stepsWaiting", this.steps.stepsWaiting(staff));
		model.addAttribute("priorities", Priority.values());
	}

}
