package org.passage.ui;

import java.io.IOException;
import java.io.InputStream;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.passage.tasks.FieldProblem;
import org.passage.tasks.FormRefused;
import org.passage.tasks.Steps;
import org.passage.web.NotFoundException;
import org.passage.web.Problems;
import org.springframework.boot.test.autoconfigure.web.servlet.WebMvcTest;
import org.springframework.security.test.context.support.WithMockUser;
import org.springframework.test.context.bean.override.mockito.MockitoBean;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.BDDMockito.given;
import static org.mockito.BDDMockito.willThrow;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * A step's page alone (a slice): the form drawn from the Camunda form the step is bound
 * to, with the labels and help of the message bundles, the problems beside their fields,
 * approvals, and the refusals, with the inbox and the cases mocked.
 */
@WebMvcTest(controllers = StepController.class)
class StepPagesTest extends PageSliceTesting {

	@MockitoBean
	Steps steps;

	final Steps.Step plan = new Steps.Step("t5", "Activity_PlanAssistance", "Individual assistance plan",
			"VOT-2026-000001", "VOT", "TUN", "officer", List.of("CASE_OFFICER"), MONDAY);

	final Steps.Step approval = new Steps.Step("t6", "Activity_ApproveAssistance", "Approve assistance",
			"VOT-2026-000001", "VOT", "TUN", null, List.of("SUPERVISOR"), MONDAY);

	@Test
	@WithMockUser(username = "officer", roles = "CASE_OFFICER")
	void theStepsFormIsDrawnWithTheBundlesLabelsAndHelp() throws Exception {
		given(this.steps.open("t5", this.officer)).willReturn(open(this.plan, "assistance-plan", false));
		this.mvc.perform(get("/steps/t5").header("Accept-Language", "en"))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("<h1>Individual assistance plan: VOT-2026-000001</h1>")))
			.andExpect(content().string(containsString("Amount requested (USD)")))
			.andExpect(content().string(containsString("the Global Assistance Fund (GAF) only helps when none can")))
			.andExpect(content().string(containsString("No other programme exists")))
			.andExpect(content().string(containsString("name=\"_csrf\"")));
		this.mvc.perform(get("/steps/t5").header("Accept-Language", "fr"))
			.andExpect(content().string(containsString("Montant demandé (USD)")));
	}

	@Test
	@WithMockUser(username = "officer", roles = "CASE_OFFICER")
	void aRefusedFormShowsEachProblemBesideItsFieldAndSavesNothing() throws Exception {
		given(this.steps.open("t5", this.officer)).willReturn(open(this.plan, "assistance-plan", false));
		willThrow(new FormRefused("not as asked",
				List.of(new FieldProblem("requestedAmount", "min", List.of("0"), List.of()),
						new FieldProblem("otherProgramme", "required", List.of(), List.of()))))
			.given(this.steps)
			.complete(eq("t5"), eq(this.officer), any());
		this.mvc.perform(post("/steps/t5").with(csrf()).param("requestedAmount", "-5").header("HX-Request", "true"))
			.andExpect(status().isUnprocessableEntity())
			.andExpect(content().string(containsString("2 fields need your attention. Nothing was saved.")))
			.andExpect(content().string(containsString(
					"<small id=\"field-requestedAmount-error\" class=\"field-error\">Enter 0 or more.</small>")))
			.andExpect(content().string(containsString(
					"<small id=\"field-otherProgramme-error\" class=\"field-error\">Fill in this field.</small>")))
			.andExpect(content().string(containsString("value=\"-5\"")))
			.andExpect(content().string(not(containsString("<html"))));
	}

	@Test
	@WithMockUser(username = "officer", roles = "CASE_OFFICER")
	void aCompletedStepSaysSoAndWaitsForTheDecisionThatFollowsIt() throws Exception {
		given(this.steps.open("t5", this.officer)).willReturn(open(this.plan, "assistance-plan", false));
		this.mvc
			.perform(post("/steps/t5").with(csrf())
				.param("requested", "MEDICAL")
				.param("requestedAmount", "800")
				.param("otherProgramme", "NONE")
				.header("HX-Request", "true"))
			.andExpect(status().isOk())
			.andExpect(content()
				.string(containsString("You completed “Individual assistance plan” of case VOT-2026-000001.")))
			.andExpect(content().string(containsString("hx-get=\"/cases/VOT-2026-000001/decisions/next?known=0")));
		verify(this.steps).complete(eq("t5"), eq(this.officer), any());
	}

	@Test
	@WithMockUser(username = "officer", roles = "CASE_OFFICER")
	void withoutHtmxACompletedStepLeadsToItsCaseFile() throws Exception {
		given(this.steps.open("t5", this.officer)).willReturn(open(this.plan, "assistance-plan", false));
		this.mvc.perform(post("/steps/t5").with(csrf()).param("otherProgramme", "NONE"))
			.andExpect(redirectedUrl("/cases/VOT-2026-000001"));
	}

	@Test
	@WithMockUser(username = "officer", roles = { "CASE_OFFICER", "SUPERVISOR" })
	void thePreparerIsNotOfferedTheApproval() throws Exception {
		given(this.steps.open("t6", this.officer)).willReturn(open(this.approval, "approval", true));
		this.mvc.perform(get("/steps/t6").header("Accept-Language", "en"))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("You prepared this case, so another person must approve it.")))
			.andExpect(content().string(not(containsString("name=\"approved\""))));
	}

	@Test
	@WithMockUser(username = "officer", roles = { "CASE_OFFICER", "SUPERVISOR" })
	void anApprovalTheServerRefusesIsASentence() throws Exception {
		given(this.steps.open("t6", this.officer)).willReturn(open(this.approval, "approval", false));
		willThrow(Problems.forbidden("four-eyes", "prepared by the approver")).given(this.steps)
			.complete(eq("t6"), eq(this.officer), any());
		this.mvc.perform(post("/steps/t6").with(csrf()).param("approved", "true").header("Accept-Language", "en"))
			.andExpect(status().isForbidden())
			.andExpect(content().string(containsString("You prepared this case, so you may not approve it.")));
	}

	@Test
	@WithMockUser(username = "officer", roles = "CASE_OFFICER")
	void aStepOfAnotherOfficeIsANotFoundPage() throws Exception {
		given(this.steps.open("t9", this.officer)).willThrow(new NotFoundException("No open step t9 for you"));
		this.mvc.perform(get("/steps/t9").header("Accept-Language", "en"))
			.andExpect(status().isNotFound())
			.andExpect(content().string(containsString("<h1>Not found</h1>")));
		this.mvc.perform(post("/steps/t9").with(csrf())).andExpect(status().isNotFound());
		verify(this.steps, never()).complete(anyString(), any(), any());
	}

	@Test
	@WithMockUser(username = "officer", roles = "CASE_OFFICER")
	void aStepPostedWithoutItsCsrfTokenIsRefused() throws Exception {
		this.mvc.perform(post("/steps/t5").param("otherProgramme", "NONE")).andExpect(status().isForbidden());
		verify(this.steps, never()).complete(anyString(), any(), any());
	}

	@Test
	@WithMockUser(username = "policy", roles = "POLICY_EDITOR")
	void policyStaffHaveNoStepsToTake() throws Exception {
		this.mvc.perform(get("/steps/t5")).andExpect(status().isForbidden());
	}

	private static Steps.OpenStep open(Steps.Step step, String formId, boolean preparedByReader) throws IOException {
		return new Steps.OpenStep(step, formId, form(formId), preparedByReader);
	}

	/** The form as the processes module ships it. */
	static JsonNode form(String formId) throws IOException {
		try (InputStream in = StepPagesTest.class.getResourceAsStream("/forms/" + formId + ".form")) {
			return new ObjectMapper().readTree(in);
		}
	}

}
