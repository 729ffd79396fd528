package org.passage.ui;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.passage.cases.Case;
import org.passage.cases.CaseFacts;
import org.passage.cases.CaseStatus;
import org.passage.cases.CaseType;
import org.passage.cases.Person;
import org.passage.rules.decision.Priority;
import org.springframework.boot.test.autoconfigure.web.servlet.WebMvcTest;
import org.springframework.security.test.context.support.WithMockUser;

import static org.hamcrest.Matchers.containsString;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.BDDMockito.given;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.flash;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * Registering a case from its page alone (a slice): answers checked with a sentence
 * beside each field, the warning about a person who may already have an open case, and
 * who may register, with the cases mocked.
 */
@WebMvcTest(controllers = NewCaseController.class)
class NewCasePagesTest extends PageSliceTesting {

	final Person chioma = new Person("Chioma", "Okafor", Person.Sex.FEMALE, 1998, "NGA");

	@Test
	@WithMockUser(username = "officer", roles = "CASE_OFFICER")
	void theFormOffersTheTypesAndTheOfficersOffice() throws Exception {
		this.mvc.perform(get("/cases/new").header("Accept-Language", "en"))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("<h1>Register a case</h1>")))
			.andExpect(content().string(containsString("value=\"STRANDED_MIGRANT\"")))
			.andExpect(content().string(containsString("<option value=\"TUN\" selected=\"selected\">TUN</option>")));
	}

	@Test
	@WithMockUser(username = "officer", roles = "CASE_OFFICER")
	void eachAnswerAtFaultIsSaidBesideItsFieldAndNothingIsOpened() throws Exception {
		this.mvc
			.perform(post("/cases").with(csrf())
				.header("Accept-Language", "en")
				.param("type", "VOT")
				.param("office", "NIA")
				.param("givenName", "")
				.param("familyName", "Okafor")
				.param("sex", "FEMALE")
				.param("birthYear", "2999")
				.param("nationality", "ZZZ"))
			.andExpect(status().isUnprocessableEntity())
			.andExpect(content().string(containsString("Some answers need your attention. Nothing was saved.")))
			.andExpect(content().string(containsString("Choose one of your offices.")))
			.andExpect(content().string(containsString("Enter the name as the person gives it")))
			.andExpect(content().string(containsString("Enter a year from 1900 to")))
			.andExpect(content().string(containsString("Enter a three-letter country code")))
			.andExpect(content().string(containsString("value=\"Okafor\"")));
		verify(this.cases, never()).open(any(), anyString(), any(), any());
	}

	@Test
	@WithMockUser(username = "officer", roles = "CASE_OFFICER")
	void aPersonWhoMayHaveAnOpenCaseIsNamedBeforeASecondOneOpens() throws Exception {
		given(this.cases.openCasesOfSameName(eq("TUN"), eq(this.chioma), eq(this.officer)))
			.willReturn(List.of("VOT-2026-000001"));
		this.mvc.perform(registration().header("Accept-Language", "en"))
			.andExpect(status().isConflict())
			.andExpect(content().string(containsString("This person may already have an open case")))
			.andExpect(content().string(containsString("href=\"/cases/VOT-2026-000001\"")))
			.andExpect(content().string(containsString("name=\"openAnyway\"")));
		verify(this.cases, never()).open(any(), anyString(), any(), any());
	}

	@Test
	@WithMockUser(username = "officer", roles = "CASE_OFFICER")
	void aDifferentPersonOfTheSameNameIsRegisteredWhenTheOfficerSaysSo() throws Exception {
		given(this.cases.open(CaseType.VOT, "TUN", this.chioma, this.officer)).willReturn(opened("VOT-2026-000002"));
		this.mvc.perform(registration().param("openAnyway", "true"))
			.andExpect(redirectedUrl("/cases/VOT-2026-000002"))
			.andExpect(flash().attributeExists("notice"));
		verify(this.cases, never()).openCasesOfSameName(anyString(), any(), any());
	}

	@Test
	@WithMockUser(username = "officer", roles = "CASE_OFFICER")
	void aRegistrationWithoutItsCsrfTokenIsRefused() throws Exception {
		this.mvc.perform(registration().with(request -> {
			request.removeParameter("_csrf");
			return request;
		})).andExpect(status().isForbidden());
		verify(this.cases, never()).open(any(), anyString(), any(), any());
	}

	@Test
	@WithMockUser(username = "api-client", roles = "DECISION_API")
	void systemsDoNotRegisterCasesThroughThePages() throws Exception {
		this.mvc.perform(registration()).andExpect(status().isForbidden());
		verify(this.cases, never()).open(any(), anyString(), any(), any());
	}

	private org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder registration() {
		return post("/cases").with(csrf())
			.param("type", "VOT")
			.param("office", "TUN")
			.param("givenName", "Chioma")
			.param("familyName", "Okafor")
			.param("sex", "FEMALE")
			.param("birthYear", "1998")
			.param("nationality", "nga");
	}

	private static Case opened(String reference) {
		return new Case(reference, CaseType.VOT, CaseStatus.OPEN, "TUN", java.util.UUID.randomUUID(), "officer", null,
				null, "p1", new CaseFacts(java.util.Map.of()), List.of(), List.of(), MONDAY, null, "officer",
				Priority.NORMAL);
	}

}
