package org.passage.ui;

import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.passage.cases.CaseStatus;
import org.passage.cases.CaseType;
import org.passage.cases.CaseView;
import org.passage.cases.Person;
import org.passage.cases.WaitingSteps;
import org.passage.rules.decision.Priority;
import org.passage.tasks.Steps;
import org.passage.web.NotFoundException;
import org.passage.web.Problems;
import org.springframework.boot.test.autoconfigure.web.servlet.WebMvcTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;
import org.springframework.security.test.context.support.WithMockUser;
import org.springframework.test.context.bean.override.mockito.MockitoBean;

import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyInt;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.BDDMockito.given;
import static org.mockito.BDDMockito.willThrow;
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
@Import(PagesTest.Accounts.class)
class PagesTest extends PageSliceTesting {

	@MockitoBean
	Steps steps;

	/** Accounts for the sign-in form; the service checks them against Camunda's. */
	@TestConfiguration
	static class Accounts {

		@Bean
		InMemoryUserDetailsManager accounts() {
			return new InMemoryUserDetailsManager(
					User.withUsername("officer").password("{noop}officer").roles("CASE_OFFICER").build());
		}

	}

	final Steps.Step intake = new Steps.Step("t1", "Activity_RegisterIntake", "Intake", "VOT-2026-000001", "VOT", "TUN",
			null, List.of("CASE_OFFICER"), MONDAY);

	final Steps.Step consent = new Steps.Step("t2", "Activity_RecordConsent", "Record consent", "SM-2026-000002",
			"STRANDED_MIGRANT", "TUN", "officer", List.of("CASE_OFFICER"), MONDAY);

	/** The intake step as the inbox lists it: unclaimed. */
	final WaitingSteps.Step waitingIntake = new WaitingSteps.Step("t1", "Activity_RegisterIntake", "Intake",
			"VOT-2026-000001", CaseType.VOT, "TUN", Priority.NORMAL, false, null, MONDAY);

	/**
	 * The consent step as the inbox lists it: mine, of an URGENT case past the HASM
	 * deadline.
	 */
	final WaitingSteps.Step waitingConsent = new WaitingSteps.Step("t2", "Activity_RecordConsent", "Record consent",
			"SM-2026-000002", CaseType.STRANDED_MIGRANT, "TUN", Priority.URGENT, true, "officer", MONDAY);

	/** What the officer's inbox holds: their own steps, and a page of unclaimed ones. */
	void inboxHolds(List<WaitingSteps.Step> mine, List<WaitingSteps.Step> unclaimed, long unclaimedInAll) {
		given(this.steps.inbox(eq(this.officer), eq(WaitingSteps.Whose.MINE), any(), anyInt(), anyInt()))
			.willReturn(new WaitingSteps.Page(mine, mine.size(), 0, 100));
		given(this.steps.inbox(eq(this.officer), eq(WaitingSteps.Whose.UNCLAIMED), any(), anyInt(), anyInt()))
			.will(call -> new WaitingSteps.Page(unclaimed, unclaimedInAll, call.getArgument(3), call.getArgument(4)));
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
	void signingInLeadsHomeAndSigningOutBackToTheSignInPage() throws Exception {
		this.mvc.perform(formLogin("/sign-in").user("officer").password("officer"))
			.andExpect(authenticated().withUsername("officer"))
			.andExpect(redirectedUrl("/"));
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
	@WithMockUser(username = "officer", roles = "CASE_OFFICER")
	void caseworkLandsOnTheInbox() throws Exception {
		this.mvc.perform(get("/")).andExpect(redirectedUrl("/inbox"));
	}

	@Test
	@WithMockUser(username = "policy", roles = "POLICY_EDITOR")
	void policyStaffLandOnTheDecisionTables() throws Exception {
		this.mvc.perform(get("/")).andExpect(redirectedUrl("/rulesets"));
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
		inboxHolds(List.of(this.waitingConsent), List.of(this.waitingIntake), 1);
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
			.andExpect(content().string(containsString("<label for=\"type\">Case type</label>")))
			.andExpect(content().string(containsString("<label for=\"step\">Step</label>")))
			.andExpect(content().string(containsString("<label for=\"priority\">Priority</label>")))
			.andExpect(content().string(containsString("class=\"badge urgent\">Urgent</span>")))
			.andExpect(content().string(containsString("class=\"badge overdue\">HASM decision overdue</span>")));
	}

	@Test
	@WithMockUser(username = "officer", roles = "CASE_OFFICER")
	void aRoleTheServiceRefusesGetsTheNotForYourRolePageNotAFailure() throws Exception {
		willThrow(new AccessDeniedException("refused by the service")).given(this.steps)
			.inbox(any(), any(), any(), anyInt(), anyInt());

		this.mvc.perform(get("/inbox").header("Accept-Language", "en"))
			.andExpect(status().isForbidden())
			.andExpect(content().string(containsString("Not for your role")));
	}

	@Test
	@WithMockUser(username = "officer", roles = "CASE_OFFICER")
	void theInboxAsksForTheFiltersAndThePageItShows() throws Exception {
		inboxHolds(List.of(), List.of(this.waitingIntake), 60);
		this.mvc
			.perform(get("/inbox").param("type", "VOT")
				.param("step", "Activity_RegisterIntake")
				.param("priority", "URGENT")
				.param("q", "vot-2026")
				.param("page", "1"))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("Page 2 of 3 (60 steps)")))
			.andExpect(content().string(containsString(
					"href=\"/inbox?type=VOT&amp;step=Activity_RegisterIntake&amp;priority=URGENT&amp;q=vot-2026&amp;page=0\"")))
			.andExpect(content().string(containsString(
					"href=\"/inbox?type=VOT&amp;step=Activity_RegisterIntake&amp;priority=URGENT&amp;q=vot-2026&amp;page=2\"")));
		verify(this.steps).inbox(this.officer, WaitingSteps.Whose.UNCLAIMED,
				new WaitingSteps.Filter(CaseType.VOT, "Activity_RegisterIntake", Priority.URGENT, "vot-2026"), 1, 25);
	}

	@Test
	@WithMockUser(username = "officer", roles = "CASE_OFFICER")
	void aFilterTheFormNeverOffersIsABadRequest() throws Exception {
		this.mvc.perform(get("/inbox").param("type", "BOGUS")).andExpect(status().isBadRequest());
		this.mvc.perform(get("/inbox").param("priority", "SOON")).andExpect(status().isBadRequest());
		this.mvc.perform(get("/inbox").param("page", "two")).andExpect(status().isBadRequest());
		verifyNoInteractions(this.steps);
	}

	@Test
	@WithMockUser(username = "officer", roles = "CASE_OFFICER")
	void claimingWithHtmxRedrawsTheListAndSaysWhatHappened() throws Exception {
		Steps.Step claimed = new Steps.Step("t1", "Activity_RegisterIntake", "Intake", "VOT-2026-000001", "VOT", "TUN",
				"officer", List.of("CASE_OFFICER"), MONDAY);
		given(this.steps.claim("t1", this.officer)).willReturn(claimed);
		inboxHolds(List.of(new WaitingSteps.Step("t1", "Activity_RegisterIntake", "Intake", "VOT-2026-000001",
				CaseType.VOT, "TUN", Priority.NORMAL, false, "officer", MONDAY)), List.of(), 0);
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
		inboxHolds(List.of(), List.of(), 0);
		this.mvc.perform(post("/inbox/t1/claim").with(csrf()).header("HX-Request", "true"))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("role=\"alert\"")))
			.andExpect(content().string(containsString("Someone else has this step")));
	}

	@Test
	@WithMockUser(username = "officer", roles = "CASE_OFFICER")
	void givingBackAStepUnclaimsIt() throws Exception {
		given(this.steps.unclaim("t2", this.officer)).willReturn(this.consent);
		inboxHolds(List.of(), List.of(), 0);
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
			.andExpect(content().string(containsString("<dt>Priority</dt>")))
			.andExpect(content().string(containsString("class=\"badge urgent\">Urgent</span>")))
			.andExpect(content().string(containsString("<dt>Case officer</dt>")))
			.andExpect(content().string(containsString("<dd>Amal Officer</dd>")))
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
		inboxHolds(List.of(), List.of(this.waitingIntake), 1);
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
		return new CaseView("VOT-2026-000001", CaseType.VOT, "TUN", CaseStatus.OPEN, Priority.URGENT, "amal", "officer",
				MONDAY, null, null, new Person("Amina", "K.", Person.Sex.FEMALE, 1998, "NGA"), Map.of(), List.of(),
				List.of(), List.of(), List.of(),
				List.of(new CaseView.OpenTask("t1", "Activity_RegisterIntake", "Intake", null, MONDAY)),
				List.of(new CaseView.Note("officer", "A first note", MONDAY)),
				List.of(new org.passage.cases.Case.TimelineEntry(MONDAY, "officer", "OPENED", null, Map.of())));
	}

}
