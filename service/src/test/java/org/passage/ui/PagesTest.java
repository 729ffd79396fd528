package org.passage.ui;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.passage.cases.CaseService;
import org.passage.cases.CaseStatus;
import org.passage.cases.CaseType;
import org.passage.cases.CaseView;
import org.passage.cases.Person;
import org.passage.cases.Staff;
import org.passage.tasks.Steps;
import org.passage.web.NotFoundException;
import org.passage.web.Problems;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.web.servlet.WebMvcTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;
import org.springframework.security.test.context.support.WithMockUser;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;

import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.BDDMockito.given;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestBuilders.formLogin;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestBuilders.logout;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.response.SecurityMockMvcResultMatchers.authenticated;
import static org.springframework.security.test.web.servlet.response.SecurityMockMvcResultMatchers.unauthenticated;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.view;

/**
 * The case officers' pages alone (a slice): the pages' security chain, the controllers,
 * the templates and the bundles, with the cases and the inbox mocked.
 */
@WebMvcTest(controllers = { SignInController.class, InboxController.class, CaseFileController.class })
@Import({ org.passage.security.internal.WebSecurity.class, Formats.class, PagesTest.Accounts.class })
class PagesTest {

	static final OffsetDateTime MONDAY = OffsetDateTime.of(2026, 11, 30, 9, 15, 0, 0, ZoneOffset.UTC);

	@Autowired
	MockMvc mvc;

	@MockitoBean
	CaseService cases;

	@MockitoBean
	Steps steps;

	@MockitoBean
	People people;

	/** Accounts for the sign-in form; the service checks them against Camunda's. */
	@TestConfiguration
	static class Accounts {

		@Bean
		InMemoryUserDetailsManager accounts() {
			return new InMemoryUserDetailsManager(
					User.withUsername("officer").password("{noop}officer").roles("CASE_OFFICER").build());
		}

	}

	final Staff officer = new Staff("officer", Set.of("CASE_OFFICER"), List.of("TUN"));

	final Steps.Step intake = new Steps.Step("t1", "Activity_RegisterIntake", "Intake", "VOT-2026-000001", "VOT", "TUN",
			null, List.of("CASE_OFFICER"), MONDAY);

	final Steps.Step consent = new Steps.Step("t2", "Activity_RecordConsent", "Record consent", "SM-2026-000002",
			"STRANDED_MIGRANT", "TUN", "officer", List.of("CASE_OFFICER"), MONDAY);

	@BeforeEach
	void anOfficerOfTunis() {
		given(this.cases.staff(any(Authentication.class))).willReturn(this.officer);
		given(this.people.nameOf(anyString())).willReturn("Amal Officer");
	}

	@Test
	void theSignInPageIsTheRootAndHasAFormWithLabelsAndACsrfToken() throws Exception {
		this.mvc.perform(get("/").header("Accept-Language", "en"))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("<html lang=\"en\">")))
			.andExpect(content().string(containsString("<h1>Sign in to Passage</h1>")))
			.andExpect(content().string(containsString("<label for=\"username\">User name</label>")))
			.andExpect(content().string(containsString("<label for=\"password\">Password</label>")))
			.andExpect(content().string(containsString("name=\"_csrf\"")))
			.andExpect(content().string(containsString("/webjars/htmx.org/")))
			.andExpect(content().string(containsString("/dist/htmx.min.js")));
	}

	@Test
	void theWebJarsAreServedWithoutVersionsInTheirUrls() throws Exception {
		this.mvc.perform(get("/webjars/htmx.org/dist/htmx.min.js")).andExpect(status().isOk());
		this.mvc.perform(get("/webjars/picocss__pico/css/pico.min.css")).andExpect(status().isOk());
		this.mvc.perform(get("/css/passage.css")).andExpect(status().isOk());
	}

	@Test
	void signingInLeadsToTheInboxAndSigningOutBackToTheSignInPage() throws Exception {
		this.mvc.perform(formLogin("/sign-in").user("officer").password("officer"))
			.andExpect(authenticated().withUsername("officer"))
			.andExpect(redirectedUrl("/inbox"));
		this.mvc.perform(formLogin("/sign-in").user("officer").password("wrong"))
			.andExpect(unauthenticated())
			.andExpect(redirectedUrl("/?error"));
		this.mvc.perform(logout("/sign-out")).andExpect(unauthenticated()).andExpect(redirectedUrl("/?signedOut"));
	}

	@Test
	void aFormWithoutItsCsrfTokenIsRefused() throws Exception {
		this.mvc.perform(post("/sign-in").param("username", "officer").param("password", "officer"))
			.andExpect(status().isForbidden());
	}

	@Test
	@WithMockUser(username = "officer", roles = "CASE_OFFICER")
	void aClaimWithoutItsCsrfTokenIsRefusedAndClaimsNothing() throws Exception {
		this.mvc.perform(post("/inbox/t1/claim")).andExpect(status().isForbidden());
		verifyNoInteractions(this.steps);
	}

	@Test
	void thePagesNeedASignIn() throws Exception {
		this.mvc.perform(get("/inbox"))
			.andExpect(status().is3xxRedirection())
			.andExpect(redirectedUrl("http://localhost/"));
	}

	@Test
	void aLanguagePassageDoesNotSpeakIsEnglish() throws Exception {
		this.mvc.perform(get("/").header("Accept-Language", "de"))
			.andExpect(content().string(containsString("<html lang=\"en\">")));
		this.mvc.perform(get("/").header("Accept-Language", "de, es;q=0.5"))
			.andExpect(content().string(containsString("<html lang=\"es\">")));
	}

	@Test
	@WithMockUser(username = "policy", roles = "POLICY_STAFF")
	void policyStaffMayNotOpenCasePages() throws Exception {
		this.mvc.perform(get("/inbox")).andExpect(status().isForbidden());
		this.mvc.perform(get("/cases/VOT-2026-000001")).andExpect(status().isForbidden());
		verifyNoInteractions(this.steps);
	}

	@Test
	@WithMockUser(username = "api-client", roles = "DECISION_API")
	void systemsMayNotOpenCasePages() throws Exception {
		this.mvc.perform(get("/inbox")).andExpect(status().isForbidden());
	}

	@Test
	@WithMockUser(username = "officer", roles = "CASE_OFFICER")
	void theInboxListsMyStepsAndMyOfficesUnclaimedOnesWithWhoIsSignedIn() throws Exception {
		given(this.steps.inbox(this.officer)).willReturn(List.of(this.intake, this.consent));
		this.mvc.perform(get("/inbox").header("Accept-Language", "en"))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("<h1>Inbox</h1>")))
			.andExpect(content().string(containsString("Signed in as Amal Officer (officer)")))
			.andExpect(content().string(containsString("Case officer")))
			.andExpect(content().string(containsString("TUN")))
			.andExpect(content().string(containsString("href=\"/cases/VOT-2026-000001\"")))
			.andExpect(content().string(containsString("Victim of trafficking")))
			.andExpect(content().string(containsString("action=\"/inbox/t1/claim\"")))
			.andExpect(content().string(containsString("action=\"/inbox/t2/unclaim\"")))
			.andExpect(content().string(containsString("Nov 30, 2026, 9:15 AM UTC")))
			.andExpect(content().string(containsString("<label for=\"type\">Case type</label>")));
	}

	@Test
	@WithMockUser(username = "officer", roles = "CASE_OFFICER")
	void theInboxFiltersByCaseTypeAndSearchesByReference() throws Exception {
		given(this.steps.inbox(this.officer)).willReturn(List.of(this.intake, this.consent));
		this.mvc.perform(get("/inbox").param("type", "STRANDED_MIGRANT"))
			.andExpect(content().string(containsString("SM-2026-000002")))
			.andExpect(content().string(not(containsString("VOT-2026-000001"))));
		this.mvc.perform(get("/inbox").param("q", "vot-2026"))
			.andExpect(content().string(containsString("VOT-2026-000001")))
			.andExpect(content().string(not(containsString("SM-2026-000002"))));
		this.mvc.perform(get("/inbox").param("type", "BOGUS")).andExpect(status().isBadRequest());
	}

	@Test
	@WithMockUser(username = "officer", roles = "CASE_OFFICER")
	void claimingWithHtmxRedrawsTheListAndSaysWhatHappened() throws Exception {
		Steps.Step claimed = new Steps.Step("t1", "Activity_RegisterIntake", "Intake", "VOT-2026-000001", "VOT", "TUN",
				"officer", List.of("CASE_OFFICER"), MONDAY);
		given(this.steps.claim("t1", this.officer)).willReturn(claimed);
		given(this.steps.inbox(this.officer)).willReturn(List.of(claimed));
		this.mvc.perform(post("/inbox/t1/claim").with(csrf()).header("HX-Request", "true"))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("id=\"steps\"")))
			.andExpect(content().string(not(containsString("<html"))))
			.andExpect(content().string(containsString("You claimed &quot;Intake&quot; of case VOT-2026-000001.")))
			.andExpect(content().string(containsString("action=\"/inbox/t1/unclaim\"")));
		verify(this.steps).claim("t1", this.officer);
	}

	@Test
	@WithMockUser(username = "officer", roles = "CASE_OFFICER")
	void claimingWithoutHtmxComesBackToTheInbox() throws Exception {
		given(this.steps.claim("t1", this.officer)).willReturn(this.intake);
		this.mvc.perform(post("/inbox/t1/claim").with(csrf()).param("type", "VOT"))
			.andExpect(status().is3xxRedirection())
			.andExpect(redirectedUrl("/inbox?type=VOT"));
	}

	@Test
	@WithMockUser(username = "officer", roles = "CASE_OFFICER")
	void aStepSomeoneElseHasIsASentenceNotAnError() throws Exception {
		given(this.steps.claim("t1", this.officer))
			.willThrow(Problems.conflict("task-claimed", "This step is claimed by someone"));
		given(this.steps.inbox(this.officer)).willReturn(List.of());
		this.mvc.perform(post("/inbox/t1/claim").with(csrf()).header("HX-Request", "true"))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("role=\"alert\"")))
			.andExpect(content().string(containsString("Someone else has this step")));
	}

	@Test
	@WithMockUser(username = "officer", roles = "CASE_OFFICER")
	void givingBackAStepUnclaimsIt() throws Exception {
		given(this.steps.unclaim("t2", this.officer)).willReturn(this.consent);
		given(this.steps.inbox(this.officer)).willReturn(List.of());
		this.mvc.perform(post("/inbox/t2/unclaim").with(csrf()).header("HX-Request", "true"))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("You gave back")));
		verify(this.steps).unclaim("t2", this.officer);
	}

	@Test
	@WithMockUser(username = "officer", roles = "CASE_OFFICER")
	void aCaseFileShowsItsHeaderPersonConsentsAndTimeline() throws Exception {
		given(this.cases.read(eq("VOT-2026-000001"), eq(this.officer))).willReturn(file());
		this.mvc.perform(get("/cases/VOT-2026-000001").header("Accept-Language", "en"))
			.andExpect(status().isOk())
			.andExpect(view().name("case"))
			.andExpect(content().string(containsString("<h1>Case VOT-2026-000001</h1>")))
			.andExpect(content().string(containsString("Victim of trafficking")))
			.andExpect(content().string(containsString("Amina K.")))
			.andExpect(content().string(containsString("Passage records that you read")))
			.andExpect(content().string(containsString("Case opened")))
			.andExpect(content().string(containsString("A first note")));
	}

	@Test
	@WithMockUser(username = "officer", roles = "CASE_OFFICER")
	void aCaseOfAnotherOfficeIsANotFoundPageWithASentence() throws Exception {
		given(this.cases.read(eq("VOT-2026-000009"), any()))
			.willThrow(new NotFoundException("No case VOT-2026-000009"));
		this.mvc.perform(get("/cases/VOT-2026-000009").header("Accept-Language", "en"))
			.andExpect(status().isNotFound())
			.andExpect(content().contentTypeCompatibleWith("text/html"))
			.andExpect(content().string(containsString("<h1>Not found</h1>")))
			.andExpect(content().string(containsString("an office you do not work for")))
			.andExpect(content().string(not(containsString("Exception"))));
	}

	@Test
	@WithMockUser(username = "officer", roles = "CASE_OFFICER")
	void aPageThatFailsSaysSoInASentence() throws Exception {
		given(this.cases.read(eq("VOT-2026-000001"), any())).willThrow(new IllegalStateException("boom"));
		this.mvc.perform(get("/cases/VOT-2026-000001"))
			.andExpect(status().isInternalServerError())
			.andExpect(content().string(containsString("Something went wrong")))
			.andExpect(content().string(not(containsString("boom"))));
	}

	@Test
	@WithMockUser(username = "officer", roles = "CASE_OFFICER")
	void theFrenchPagesSpeakFrenchFromTheBrowserOrTheSwitcher() throws Exception {
		given(this.steps.inbox(this.officer)).willReturn(List.of(this.intake));
		this.mvc.perform(get("/inbox").header("Accept-Language", "fr-FR,fr;q=0.9,en;q=0.5"))
			.andExpect(content().string(containsString("<html lang=\"fr\">")))
			.andExpect(content().string(containsString("<h1>Mes tâches</h1>")))
			.andExpect(content().string(containsString("Victime de traite")))
			.andExpect(content().string(containsString(">Prendre</button>")));
		this.mvc.perform(get("/inbox").param("lang", "es").header("Accept-Language", "fr"))
			.andExpect(content().string(containsString("<html lang=\"es\">")))
			.andExpect(content().string(containsString("<h1>Bandeja</h1>")))
			.andExpect(header().string("Set-Cookie", containsString("passage-lang=es")));
	}

	private static CaseView file() {
		return new CaseView("VOT-2026-000001", CaseType.VOT, "TUN", CaseStatus.OPEN, "officer", MONDAY, null, null,
				new Person("Amina", "K.", Person.Sex.FEMALE, 1998, "NGA"), Map.of(), List.of(), List.of(), List.of(),
				List.of(), List.of(new CaseView.OpenTask("t1", "Activity_RegisterIntake", "Intake", null, MONDAY)),
				List.of(new CaseView.Note("officer", "A first note", MONDAY)),
				List.of(new org.passage.cases.Case.TimelineEntry(MONDAY, "officer", "OPENED", null, Map.of())));
	}

}
