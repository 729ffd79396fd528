package org.passage.ui;

import java.util.List;
import java.util.Locale;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import org.passage.cases.CaseService;
import org.passage.cases.Staff;
import org.passage.decisions.DecisionView;
import org.passage.eligibility.FactContract;
import org.passage.tasks.FieldProblem;
import org.passage.tasks.FormRefused;
import org.passage.tasks.Steps;
import org.passage.web.InvalidRequestException;
import org.springframework.context.MessageSource;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.util.MultiValueMap;
import org.springframework.web.ErrorResponseException;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import jakarta.servlet.http.HttpServletResponse;

/**
 * A step's page: its Camunda form drawn on the server, completed with the same checks as
 * the task API. A refused form comes back with each problem beside its field (422); a
 * completed one confirms it, and when a decision follows the step, the page waits for it
 * and shows it with its reasons (htmx), without a reload.
 */
@Controller
class StepController {

	private static final String HTMX = "HX-Request";

	/**
	 * How many times the page asks for the decision, a second apart, before it gives up.
	 */
	private static final int DECISION_POLLS = 30;

	private final Steps steps;

	private final CaseService cases;

	private final MessageSource messages;

	StepController(Steps steps, CaseService cases, MessageSource messages) {
		this.steps = steps;
		this.cases = cases;
		this.messages = messages;
	}

	@GetMapping("/steps/{id}")
	String open(@PathVariable String id, Authentication caller, Model model, Locale locale) {
		Staff staff = this.cases.staff(caller);
		Steps.OpenStep step = this.steps.open(id, staff);
		draw(model, step, staff, JsonNodeFactory.instance.objectNode(), List.of(), null, locale);
		return "step";
	}

	@PostMapping("/steps/{id}")
	String complete(@PathVariable String id, @RequestParam MultiValueMap<String, String> posted,
			@RequestHeader(name = HTMX, required = false) String htmx, Authentication caller, Model model,
			RedirectAttributes redirect, HttpServletResponse response, Locale locale) {
		Staff staff = this.cases.staff(caller);
		Steps.OpenStep step = this.steps.open(id, staff);
		JsonNode values = StepForm.values(step.form(), posted);
		String reference = step.step().caseReference();
		int decisionsBefore = this.cases.decisionsOf(reference, staff).size();
		try {
			this.steps.complete(id, staff, values);
		}
		catch (FormRefused refused) {
			return refusedForm(model, step, staff, values, refused.problems(), htmx, response, locale);
		}
		catch (InvalidRequestException refused) {
			// the decision that follows the step cannot be made with these facts
			List<FieldProblem> problems = refused.errors()
				.stream()
				.map(error -> new FieldProblem(error.field(), "decision", List.of(error.message()), error.allowed()))
				.toList();
			return refusedForm(model, step, staff, values, problems, htmx, response, locale);
		}
		catch (ErrorResponseException refused) {
			response.setStatus(refused.getStatusCode().value());
			draw(model, step, staff, values, List.of(),
					refused.getStatusCode().value() == 403 ? "step.refused.fourEyes" : "step.refused.gone", locale);
			return htmx != null ? "step :: form" : "step";
		}
		String stepName = stepName(step.step(), locale);
		if (htmx == null) {
			redirect.addFlashAttribute("notice", new Notice("step.completed", stepName, reference));
			return "redirect:/cases/" + reference;
		}
		model.addAttribute("done", new Notice("step.completed", stepName, reference));
		model.addAttribute("reference", reference);
		model.addAttribute("awaitsDecision", FactContract.decidedAfter(step.formId()).isPresent());
		model.addAttribute("known", decisionsBefore);
		model.addAttribute("poll", 0);
		return "step :: done";
	}

	/**
	 * The decision a step led to, once the process has made it: the step's page asks a
	 * second apart ({@code known} is how many decisions the case had before).
	 */
	@GetMapping("/cases/{reference}/decisions/next")
	String nextDecision(@PathVariable String reference, @RequestParam int known, @RequestParam int poll,
			Authentication caller, Model model) {
		List<DecisionView> made = this.cases.decisionsOf(reference, this.cases.staff(caller));
		model.addAttribute("reference", reference);
		model.addAttribute("known", known);
		model.addAttribute("poll", poll + 1);
		model.addAttribute("awaitsDecision", true);
		model.addAttribute("decision", made.size() > known ? made.get(0) : null);
		model.addAttribute("givenUp", made.size() <= known && poll + 1 >= DECISION_POLLS);
		return "step :: decision";
	}

	/** What an action did, to confirm it above the page. */
	record Notice(String key, String step, String reference) {
	}

	private String refusedForm(Model model, Steps.OpenStep step, Staff staff, JsonNode values,
			List<FieldProblem> problems, String htmx, HttpServletResponse response, Locale locale) {
		response.setStatus(HttpStatus.UNPROCESSABLE_ENTITY.value());
		draw(model, step, staff, values, problems, "step.refused.fields", locale);
		return htmx != null ? "step :: form" : "step";
	}

	private void draw(Model model, Steps.OpenStep step, Staff staff, JsonNode values, List<FieldProblem> problems,
			String refusal, Locale locale) {
		boolean approval = "approval".equals(step.formId());
		model.addAttribute("step", step.step());
		model.addAttribute("stepName", stepName(step.step(), locale));
		model.addAttribute("formId", step.formId());
		model.addAttribute("approval", approval);
		model.addAttribute("preparedByReader", step.preparedByReader());
		model.addAttribute("fields",
				StepForm.fields(step.form(), values, problems, this.messages, locale)
					.stream()
					.filter(field -> !(approval && "approved".equals(field.key()))) // the
																					// two
																					// buttons
																					// say
																					// it
					.toList());
		model.addAttribute("problems", problems.size());
		model.addAttribute("refusal", refusal);
		model.addAttribute("decisions", approval
				? this.cases.decisionsOf(step.step().caseReference(), staff).stream().limit(1).toList() : List.of());
	}

	private String stepName(Steps.Step step, Locale locale) {
		return this.messages.getMessage("step." + step.step(), null, step.name(), locale);
	}

}
