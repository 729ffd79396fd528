package org.passage.ui;

import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.passage.cases.CaseService;
import org.passage.cases.Staff;
import org.passage.decisiontables.LifecycleRefused;
import org.passage.decisiontables.PolicyChanges;
import org.passage.decisiontables.PolicyChanges.Comparison;
import org.passage.decisiontables.PolicyChanges.Report;
import org.passage.decisiontables.ReadableTables;
import org.passage.decisiontables.Rulesets;
import org.passage.decisiontables.ScenarioFailure;
import org.passage.decisiontables.TableDiff;
import org.passage.decisiontables.Version;
import org.passage.decisiontables.VersionScenarios;
import org.passage.decisiontables.VersionStatus;
import org.passage.funds.Funds;
import org.passage.impact.DecisionScenarios;
import org.passage.impact.Impact;
import org.passage.impact.ImpactSimulations;
import org.passage.impact.Simulation;
import org.passage.rules.decision.Programme;
import org.passage.rules.table.TableFile;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.web.servlet.WebMvcTest;
import org.springframework.context.annotation.Import;
import org.springframework.mock.web.MockMultipartFile;
import org.springframework.security.core.Authentication;
import org.springframework.security.test.context.support.WithMockUser;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyLong;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.ArgumentMatchers.isNull;
import static org.mockito.BDDMockito.given;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.multipart;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.flash;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * The policy staff's pages alone (a slice): the pages' security chain, the controllers,
 * templates and bundles, with the services mocked. Who may post which form, that every
 * form needs its CSRF token, that bad input is answered with sentences and changes
 * nothing, and that every action is confirmed in a sentence.
 */
@WebMvcTest(controllers = { TablesController.class, PolicyPagesController.class })
@Import({ org.passage.security.internal.WebSecurity.class, Formats.class, Reasons.class })
class PolicyPagesTest {

	static final Instant DECEMBER = Instant.parse("2026-12-01T09:00:00Z");

	@Autowired
	MockMvc mvc;

	@MockitoBean
	CaseService cases;

	@MockitoBean
	People people;

	@MockitoBean
	PolicyChanges changes;

	@MockitoBean
	ImpactSimulations simulations;

	@MockitoBean
	DecisionScenarios decisionScenarios;

	@MockitoBean
	Funds funds;

	@MockitoBean
	Rulesets rulesets;

	final Version shipped = version(1, VersionStatus.ACTIVE, "system");

	final Version draft = version(7, VersionStatus.DRAFT, "editor");

	@BeforeEach
	void staffAndVersions() throws IOException {
		given(this.cases.staff(any(Authentication.class))).willAnswer(call -> {
			Authentication caller = call.getArgument(0);
			return new Staff(caller.getName(),
					Set.copyOf(caller.getAuthorities().stream().map(a -> a.getAuthority().substring(5)).toList()),
					List.of("TUN"));
		});
		given(this.people.nameOf(anyString())).willAnswer(call -> call.getArgument(0));
		given(this.changes.version(1)).willReturn(this.shipped);
		given(this.changes.version(7)).willReturn(this.draft);
		ReadableTables tables = ReadableTables.of(List.of(gafWorkbook()));
		given(this.changes.tables(anyLong())).willReturn(tables);
		given(this.changes.history(anyLong()))
			.willReturn(List.of(new Version.Event("UPLOADED", "editor", DECEMBER, "Band 1 up to 1500")));
		given(this.changes.versions(any())).willReturn(List.of());
		given(this.changes.versions(Programme.GAF)).willReturn(List.of(this.draft, this.shipped));
		given(this.changes.report(7)).willReturn(new Report(this.draft, List.of(), 44,
				List.of(new ScenarioFailure("band edge: 1000.01 is band 2",
						Map.of("approvalLevel", new ScenarioFailure.Difference("REGIONAL", "SUPERVISOR")))),
				VersionScenarios.Origin.SHIPPED, null));
		given(this.changes.diff(7, null)).willReturn(new Comparison(this.shipped, this.draft,
				new TableDiff(
						List.of(new TableDiff.TableChange("GAF eligibility", TableDiff.Change.CHANGED, List.of(),
								List.of(), List.of(),
								List.of(new TableDiff.RowChange("G14", TableDiff.Change.CHANGED, 15, 15, false,
										List.of(new TableDiff.CellChange("Amount up to", "1000", "1500")))))),
						List.of())));
		given(this.simulations.of(anyLong())).willReturn(List.of());
	}

	@Test
	@WithMockUser(username = "officer", roles = "CASE_OFFICER")
	void caseOfficersReadTheVersionsThatDecidedButNotDraftsNorTheirReports() throws Exception {
		this.mvc.perform(get("/rulesets").header("Accept-Language", "en"))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("1: gaf-eligibility v1")))
			.andExpect(content().string(not(containsString("7: gaf-eligibility draft"))))
			.andExpect(content().string(not(containsString("Upload a new version"))));
		this.mvc.perform(get("/rulesets/gaf/versions/7")).andExpect(status().isNotFound());
		this.mvc.perform(get("/rulesets/gaf/versions/1").header("Accept-Language", "en"))
			.andExpect(status().isOk())
			.andExpect(content().string(not(containsString("id=\"validation\""))));
		this.mvc.perform(get("/rulesets/gaf/upload")).andExpect(status().isForbidden());
		this.mvc.perform(post("/rulesets/gaf/versions/7/submit").with(csrf())).andExpect(status().isForbidden());
		verify(this.changes, never()).report(anyLong());
	}

	@Test
	@WithMockUser(username = "editor", roles = "POLICY_EDITOR")
	void theDraftsPageShowsItsValidationScenariosAndChangesAndOffersItsAuthorToSubmitIt() throws Exception {
		this.mvc.perform(get("/rulesets/gaf/versions/7").header("Accept-Language", "en"))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("No findings: the tables compile")))
			.andExpect(content().string(containsString("44 scenarios ran; 1 decide differently")))
			.andExpect(content().string(containsString("band edge: 1000.01 is band 2")))
			.andExpect(content().string(containsString("Compared with version 1 (gaf-eligibility v1, In effect).")))
			.andExpect(content().string(containsString("Row G14 changed")))
			.andExpect(content().string(containsString("<del>1000</del>")))
			.andExpect(content().string(containsString("<ins>1500</ins>")))
			.andExpect(content().string(containsString("action=\"/rulesets/gaf/versions/7/submit\"")))
			.andExpect(content().string(containsString("action=\"/rulesets/gaf/versions/7/simulations\"")))
			.andExpect(content().string(not(containsString("/approve\""))));
	}

	@Test
	@WithMockUser(username = "approver", roles = "POLICY_APPROVER")
	void aVersionInReviewOffersAnotherApproverToApproveOrRejectButNotItsAuthor() throws Exception {
		Version inReview = version(7, VersionStatus.IN_REVIEW, "editor");
		given(this.changes.version(7)).willReturn(inReview);
		this.mvc.perform(get("/rulesets/gaf/versions/7").header("Accept-Language", "en"))
			.andExpect(content().string(containsString("action=\"/rulesets/gaf/versions/7/approve\"")))
			.andExpect(content().string(containsString("action=\"/rulesets/gaf/versions/7/reject\"")));

		given(this.changes.version(7)).willReturn(version(7, VersionStatus.IN_REVIEW, "approver"));
		this.mvc.perform(get("/rulesets/gaf/versions/7").header("Accept-Language", "en"))
			.andExpect(content().string(not(containsString("/approve\""))))
			.andExpect(content().string(containsString("another policy approver reviews it (four eyes)")));
	}

	@Test
	@WithMockUser(username = "editor", roles = "POLICY_EDITOR")
	void anUploadWithoutItsWorkbookOrNoteIsAnsweredWithSentencesAndStoresNothing() throws Exception {
		this.mvc
			.perform(multipart("/rulesets/gaf/upload")
				.file(new MockMultipartFile("file", "tables.ods", null, new byte[] { 1 }))
				.param("changeNote", " ")
				.with(csrf())
				.header("Accept-Language", "en"))
			.andExpect(status().isUnprocessableEntity())
			.andExpect(content().string(containsString("The upload needs your attention. Nothing was stored.")))
			.andExpect(content().string(containsString("The workbook must be an .xlsx file.")))
			.andExpect(content().string(containsString("Say what the version changes and why")));
		verify(this.changes, never()).upload(any(), any(), anyString(), anyString(), any());
	}

	@Test
	@WithMockUser(username = "editor", roles = "POLICY_EDITOR")
	void anUploadIsRefusedWithoutItsCsrfToken() throws Exception {
		this.mvc
			.perform(multipart("/rulesets/gaf/upload")
				.file(new MockMultipartFile("file", "gaf.xlsx", null, new byte[] { 1 }))
				.param("changeNote", "Band 1 up to 1500"))
			.andExpect(status().isForbidden());
		verifyNoInteractions(this.changes);
	}

	@Test
	@WithMockUser(username = "editor", roles = "POLICY_EDITOR")
	void anUploadedDraftLeadsToItsPageWithASentenceSayingWhatWasFound() throws Exception {
		given(this.changes.upload(eq(Programme.GAF), any(TableFile.class), eq("Band 1 up to 1500"), eq("editor"),
				isNull()))
			.willReturn(new Report(this.draft, List.of(), 44, List.of(), VersionScenarios.Origin.SHIPPED, null));
		this.mvc
			.perform(multipart("/rulesets/gaf/upload")
				.file(new MockMultipartFile("file", "gaf.xlsx", null, new byte[] { 1 }))
				.param("changeNote", "Band 1 up to 1500")
				.with(csrf()))
			.andExpect(redirectedUrl("/rulesets/gaf/versions/7"))
			.andExpect(flash().attribute("notice",
					new PolicyPagesController.Notice("policy.done.uploaded", false, List.of(7L, 44, 0))));
	}

	@Test
	@WithMockUser(username = "editor", roles = "POLICY_EDITOR")
	void anEditorMayNotApproveAndNoPolicyFormWorksWithoutItsToken() throws Exception {
		this.mvc.perform(post("/rulesets/gaf/versions/7/approve").with(csrf())).andExpect(status().isForbidden());
		this.mvc.perform(post("/rulesets/gaf/versions/7/submit")).andExpect(status().isForbidden());
		this.mvc.perform(post("/rulesets/gaf/rollbacks").param("reason", "x")).andExpect(status().isForbidden());
		verify(this.changes, never()).approve(anyLong(), any(), any(), anyString());
		verify(this.changes, never()).submit(anyLong(), anyString());
	}

	@Test
	@WithMockUser(username = "approver", roles = "POLICY_APPROVER")
	void aRefusalIsASentenceInTheReadersLanguage() throws Exception {
		given(this.changes.approve(eq(7L), isNull(), isNull(), eq("approver")))
			.willThrow(new LifecycleRefused(LifecycleRefused.Why.WRONG_STATUS, "id", "Version 7 is DRAFT", "status", 7L,
					VersionStatus.DRAFT, VersionStatus.IN_REVIEW));
		this.mvc.perform(post("/rulesets/gaf/versions/7/approve").with(csrf()))
			.andExpect(redirectedUrl("/rulesets/gaf/versions/7"))
			.andExpect(flash().attributeExists("notice"));

		this.mvc.perform(post("/rulesets/gaf/versions/7/reject").param("comment", " ").with(csrf()))
			.andExpect(flash().attribute("notice",
					new PolicyPagesController.Notice("policy.refused.rejectComment", true, List.of())));
		verify(this.changes, never()).reject(anyLong(), anyString(), anyString());

		given(this.changes.rollback(3)).willReturn(new org.passage.decisiontables.Rollback(3, Programme.GAF, 7, 1,
				"Band 2 lost its check", "editor", DECEMBER, null, null, null, null));
		given(this.changes.refuseRollback(3, "", "approver"))
			.willThrow(new LifecycleRefused(LifecycleRefused.Why.INVALID, "comment", "Say why", "refusalComment"));
		this.mvc.perform(post("/rulesets/gaf/rollbacks/3/refuse").param("comment", "").with(csrf()))
			.andExpect(redirectedUrl("/rulesets"))
			.andExpect(flash().attribute("notice",
					new PolicyPagesController.Notice("policy.refused.refusalComment", true, List.of())));
	}

	@Test
	@WithMockUser(username = "approver", roles = "POLICY_APPROVER")
	void theNoticeOfARefusalReadsInFrench() throws Exception {
		this.mvc.perform(get("/rulesets/gaf/versions/7").header("Accept-Language", "fr")
			.flashAttr("notice",
					PolicyPagesController.Notice.refused(new LifecycleRefused(LifecycleRefused.Why.WRONG_STATUS, "id",
							"Version 7 is DRAFT", "status", 7L, VersionStatus.DRAFT, VersionStatus.IN_REVIEW))))
			.andExpect(content().string(containsString(
					"La version 7 est maintenant « Brouillon » ; cela vaut pour une version « En revue ». Rechargez la page.")));
	}

	@Test
	@WithMockUser(username = "editor", roles = "POLICY_EDITOR")
	void aSimulationStartedWithHtmxAnswersWithItsProgressBarThatAsksAgainEverySecond() throws Exception {
		Simulation running = new Simulation(12, 7, "editor", DECEMBER.minusSeconds(86_400 * 90), DECEMBER, null,
				Simulation.Status.RUNNING, 1000, 120, null, DECEMBER, DECEMBER, null, null, null);
		given(this.simulations.start(eq(7L), eq(Instant.parse("2026-09-01T00:00:00Z")),
				eq(Instant.parse("2026-12-02T00:00:00Z")), eq(""), eq("editor")))
			.willReturn(running);
		this.mvc
			.perform(post("/rulesets/gaf/versions/7/simulations").param("from", "2026-09-01")
				.param("to", "2026-12-01")
				.param("office", "")
				.header("HX-Request", "true")
				.header("Accept-Language", "en")
				.with(csrf()))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("id=\"simulation\"")))
			.andExpect(content().string(containsString("hx-trigger=\"every 1s\"")))
			.andExpect(content().string(containsString("Replaying: 120 of 1,000 decisions")))
			.andExpect(content().string(containsString("<progress id=\"sim-progress\" value=\"120\" max=\"1000\"")))
			.andExpect(content().string(containsString("/simulations/12/cancel")))
			.andExpect(content().string(not(containsString("<html"))));

		this.mvc
			.perform(post("/rulesets/gaf/versions/7/simulations").param("from", "1 September")
				.header("HX-Request", "true")
				.header("Accept-Language", "en")
				.with(csrf()))
			.andExpect(content().string(containsString("&#39;1 September&#39; is not a date.")));
	}

	@Test
	@WithMockUser(username = "approver", roles = "POLICY_APPROVER")
	void aFinishedSimulationShowsItsMatricesMoneyOfficesReasonsAndExplanationsSideBySide() throws Exception {
		Impact.ReasonRef band1 = new Impact.ReasonRef("GAF_BAND_1", "GAF eligibility", "G14");
		Impact.ReasonRef band2 = new Impact.ReasonRef("GAF_BAND_2", "GAF eligibility", "G15");
		Impact.Explained before = new Impact.Explained("ELIGIBLE", "GAF", List.of("MEDICAL"), new BigDecimal("1200.00"),
				"REGIONAL", "NORMAL", List.of(band2));
		Impact.Explained after = new Impact.Explained("ELIGIBLE", "GAF", List.of("MEDICAL"), new BigDecimal("1200.00"),
				"SUPERVISOR", "NORMAL", List.of(band1));
		Impact impact = new Impact(14, 9, 0, 0, 0, List.of(new Impact.Shift("ELIGIBLE", "ELIGIBLE", 14)),
				List.of(new Impact.Shift("REGIONAL", "SUPERVISOR", 6), new Impact.Shift("SUPERVISOR", "SUPERVISOR", 8)),
				List.of(new Impact.FundImpact("GAF-DAK-2026", 4, 3, new BigDecimal("4250.00"),
						new BigDecimal("4550.00"), new BigDecimal("250.00"))),
				List.of(new Impact.OfficeImpact("DAK", 4, 3)),
				List.of(new Impact.ReasonShift(List.of(band2), List.of(band1), 5)),
				List.of(new Impact.ChangedDecision(UUID.fromString("3f2a6c1e-0000-4000-8000-000000000001"), DECEMBER,
						"DAK", 1, List.of("approvalLevel", "reasons"), before, after)));
		Simulation done = new Simulation(12, 7, "editor", DECEMBER.minusSeconds(86_400), DECEMBER, null,
				Simulation.Status.DONE, 14, 14, null, DECEMBER, DECEMBER, DECEMBER, null, impact);
		given(this.simulations.get(12)).willReturn(done);
		org.passage.rules.engine.Ruleset shippedRules = org.passage.rules.engine.RulesetCompiler
			.compile(Programme.GAF, "v1", List.of(gafWorkbook()))
			.orThrow();
		given(this.rulesets.version(anyLong())).willReturn(new Rulesets.Versioned(1, shippedRules));

		this.mvc
			.perform(get("/rulesets/gaf/versions/7/simulations/12").header("HX-Request", "true")
				.header("Accept-Language", "en"))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("Of 14 decisions replayed, 9 would change.")))
			.andExpect(content().string(containsString("<td class=\"moved\">6</td>")))
			.andExpect(content().string(containsString("GAF-DAK-2026")))
			.andExpect(content().string(containsString("more than the fund has left")))
			.andExpect(content().string(containsString("What changes: Approval level, Reasons")))
			.andExpect(content()
				.string(containsString("Eligible for GAF, band 2 (USD 1,000 to 3,000): regional approval.")))
			.andExpect(content()
				.string(containsString("Eligible for GAF, band 1 (up to USD 1,000): supervisor approval.")))
			.andExpect(content().string(not(containsString("hx-trigger"))));
	}

	private static Version version(long id, VersionStatus status, String author) {
		return new Version(id, Programme.GAF, id == 1 ? "gaf-eligibility v1" : "gaf-eligibility draft", "ab".repeat(32),
				id == 1 ? "SHIPPED" : "UPLOADED", status, author, DECEMBER, id == 1 ? "Shipped" : "Band 1 up to 1500",
				status == VersionStatus.ACTIVE ? DECEMBER : null, null, null);
	}

	static TableFile gafWorkbook() throws IOException {
		try (InputStream in = PolicyPagesTest.class
			.getResourceAsStream("/decision-tables/gaf-eligibility/gaf-eligibility.xlsx")) {
			return new TableFile("gaf-eligibility.xlsx", in.readAllBytes());
		}
	}

}
