package org.passage.ui;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import org.apache.poi.ss.usermodel.Sheet;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.User;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.passage.cases.CaseService;
import org.passage.cases.CaseType;
import org.passage.cases.Person;
import org.passage.cases.Staff;
import org.passage.decisions.DecisionContext;
import org.passage.decisions.DecisionService;
import org.passage.funds.Funds;
import org.passage.rules.decision.Programme;
import org.passage.rules.facts.GafInput;
import org.passage.rules.facts.TextInputs;
import org.passage.security.Roles;
import org.passage.testing.GafWorkbook;
import org.passage.testing.Browser;
import org.passage.testing.PassageIntegrationTest;
import org.passage.testing.SignedIn;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.TestPropertySource;
import org.springframework.transaction.support.TransactionTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A change to the GAF table through the policy staff's pages in a real browser (headless
 * Chromium), as policy staff would make it: the editor uploads a workbook moving the
 * band-1 edge from 1000 to 1500 (domain.md §2.1, G14/G15), with the two bands' reasons
 * reworded in en, fr and es; its page shows the validation report, the scenario that now
 * fails, and the two changed cells; a simulation over the recorded decisions runs with a
 * progress bar and reports what would change; a policy approver approves it and it takes
 * effect; the editor asks for a rollback, which a second approver approves, and reference
 * policy v1 is in effect again. Each page is checked with axe-core, and its screenshot
 * goes to {@code docs/screenshots/policy-*.png}.
 */
@PassageIntegrationTest
// Its own database (it puts versions in effect), with small batches so that the
// progress bar has something to show.
@TestPropertySource(properties = "passage.impact.batch-size=20")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class PolicyBrowserIT {

	/** A second policy approver: one asks for the rollback, another approves it. */
	private static final String SECOND_APPROVER = "amina";

	@LocalServerPort
	int port;

	@Autowired
	IdentityService identity;

	@Autowired
	CaseService cases;

	@Autowired
	DecisionService decisions;

	@Autowired
	Funds funds;

	@Autowired
	TransactionTemplate transactions;

	@Autowired
	JdbcClient jdbc;

	Browser browser;

	String draftPage;

	@BeforeAll
	void staffAndAHistoryOfDecisions() {
		User amina = this.identity.newUser(SECOND_APPROVER);
		amina.setFirstName("Amina");
		amina.setLastName("Haddad");
		amina.setPassword(SECOND_APPROVER);
		this.identity.saveUser(amina);
		this.identity.createMembership(SECOND_APPROVER, Roles.POLICY_APPROVER);
		int year = LocalDate.now(ZoneOffset.UTC).getYear();
		SignedIn.as("hq", Roles.HQ_APPROVER, () -> this.transactions
			.executeWithoutResult(status -> this.funds.topUp(Programme.GAF, "DKR", year, new BigDecimal("4000"))));
		// Identified victims asking amounts around the band edges, in two offices: those
		// above 1000 and at most 1500 move from band 2 to band 1.
		String[] amounts = { "300.00", "650.00", "980.00", "1000.00", "1000.01", "1100.00", "1250.00", "1400.00",
				"1500.00", "1500.01", "2200.00", "2800.00", "3500.00", "5200.00", "7000.00" };
		for (String office : List.of("TUN", "DKR")) {
			String reference = SignedIn.as("officer", Roles.CASE_OFFICER,
					() -> this.cases
						.open(CaseType.VOT, office, new Person("A.", "Person", Person.Sex.FEMALE, 1995, "NGA"),
								new Staff("officer", Set.of(Roles.CASE_OFFICER), List.of(office)))
						.reference());
			for (String amount : amounts) {
				decide(reference, amount);
			}
		}
		this.browser = Browser.open("http://localhost:" + this.port);
	}

	@AfterAll
	void closeTheBrowser() {
		if (this.browser != null) {
			this.browser.close();
		}
	}

	@Test
	@Order(1)
	void anEditorUploadsAChangedWorkbookAndReadsItsReportAtOnce() throws IOException {
		signIn("policy");
		assertThat(this.browser.text("h1")).isEqualTo("Decision tables");
		this.browser.screenshot("policy-versions");
		this.browser.assertAccessible("the versions of the decision tables");

		this.browser.find("#gaf").findElement(By.linkText("Upload a new version")).click();
		this.browser.awaitHeading(heading -> heading.startsWith("Upload a new version"));
		this.browser.assertAccessible("the upload form");
		// Without a workbook or a note: sentences beside the fields, nothing stored.
		this.browser.click("main form button[type=submit]");
		assertThat(this.browser.await("#file-error").getText()).isEqualTo("Attach the workbook.");
		assertThat(this.browser.text("#changeNote-error"))
			.isEqualTo("Say what the version changes and why: the approver reads it.");

		Path workbook = Files.createTempFile("gaf-band-1-up-to-1500", ".xlsx");
		Files.write(workbook, gafWithBandOneUpTo1500());
		this.browser.find("#file").sendKeys(workbook.toAbsolutePath().toString());
		this.browser.type("#changeNote", "Band 1 up to USD 1,500: supervisors approve requests up to 1,500.");
		this.browser.screenshot("policy-upload");
		this.browser.click("main form button[type=submit]");

		this.browser.awaitHeading(heading -> heading.matches("Decision table gaf-eligibility v\\d+"));
		this.draftPage = this.browser.driver().getCurrentUrl().replaceFirst("^http://localhost:\\d+", "");
		assertThat(this.browser.text(".notice[role=status]")).startsWith("Version ")
			.contains("is stored as a draft. It has no validation findings;", "and 1 decide differently");
		assertThat(this.browser.text("#validation")).contains("No findings");
		assertThat(this.browser.text("#scenarios")).contains("band edge: 1000.01 is band 2", "REGIONAL", "SUPERVISOR");
		String changes = this.browser.text("#changes");
		assertThat(changes)
			.contains("Compared with version 1 (gaf-eligibility v1 (shipped), In effect).",
					"0 rows added, 0 removed, 2 changed or moved.", "Row G14 changed", "Amount up to: 1000 → 1500",
					"Row G15 changed", "Amount above: 1000 → 1500", "GAF_BAND_1 (English)",
					"Eligible for GAF, band 1 (up to USD 1,000): supervisor approval. → "
							+ "Eligible for GAF, band 1 (up to USD 1,500): supervisor approval.",
					"GAF_BAND_2 (Français)");
		this.browser.screenshot("policy-draft");
		this.browser.assertAccessible("a draft's page");
		scrollTo("#changes");
		this.browser.screenshot("policy-diff");
	}

	@Test
	@Order(2)
	void theEditorSimulatesItsImpactOnTheRecordedDecisions() {
		this.browser.go(this.draftPage + "?lang=en");
		this.browser.click("#impact form button[type=submit]");
		// The progress bar asks every second until the run is done.
		this.browser.await("#simulation");
		String report = this.browser.until(driver -> {
			String text = driver.findElement(By.id("simulation")).getText();
			return text.contains("would change") ? text : null;
		});
		// Of 30 decisions (15 per office), 1000.01, 1100, 1250, 1400 and 1500 move from
		// band 2 (REGIONAL) to band 1 (SUPERVISOR) in each office: 10 change.
		assertThat(report).contains("Of 30 decisions replayed, 10 would change.", "GAF-TUN-", "GAF-DKR-",
				"GAF_BAND_2 (G15)", "GAF_BAND_1 (G14)", "What changes: Approval level, Reasons");
		assertThat(this.browser.text("table.matrix caption")).startsWith("Outcomes");
		this.browser.assertAccessible("an impact report");
		scrollTo("#impact");
		this.browser.screenshot("policy-impact");
		scrollTo("article.side-by-side");
		this.browser.screenshot("policy-impact-sample");

		this.browser.go(this.draftPage + "?lang=en");
		this.browser.click("#actions form button[type=submit]");
		assertThat(this.browser.await(".notice[role=status]").getText())
			.endsWith("is sent for review: a policy approver approves or rejects it.");
		signOut();
	}

	@Test
	@Order(3)
	void anotherPersonApprovesItAndItTakesEffect() {
		signIn("policy-approver");
		this.browser.go(this.draftPage + "?lang=en");
		assertThat(this.browser.text("#impact")).contains("Of 30 decisions replayed, 10 would change.");
		this.browser.screenshot("policy-review");
		this.browser.assertAccessible("a version in review");
		this.browser.type("#approve-comment", "Agreed with the regional directors");
		this.browser.click("form.approve button[type=submit]");
		assertThat(this.browser.await(".notice[role=status]").getText())
			.endsWith("is approved and takes effect now, on every node within a second.");
		// The registry's poller activates it within a second.
		this.browser.until(driver -> {
			driver.navigate().refresh();
			return driver.findElement(By.cssSelector("dl.summary")).getText().contains("In effect") ? true : null;
		});
		assertThat(this.browser.text("#history")).contains("Approved by policy-approver", "Took effect by scheduler");
		signOut();
	}

	@Test
	@Order(4)
	void theEditorAsksForARollbackWhichASecondApproverApproves() {
		signIn("policy");
		this.browser.go("/rulesets?lang=en");
		this.browser.find("#gaf details.rollback summary").click();
		this.browser.type("#rollback-reason-gaf", "Regional offices were not told of the new band in time.");
		this.browser.click("#gaf details.rollback button[type=submit]");
		assertThat(this.browser.await(".notice[role=status]").getText())
			.startsWith("The rollback to version 1 in place")
			.endsWith("another policy approver approves or refuses it.");
		assertThat(this.browser.text("#gaf article.rollback")).contains("waits for a second person");
		signOut();

		signIn(SECOND_APPROVER);
		this.browser.go("/rulesets?lang=en");
		this.browser.screenshot("policy-rollback");
		this.browser.assertAccessible("a rollback waiting for approval");
		this.browser.find("#gaf article.rollback form button[type=submit]").click();
		assertThat(this.browser.await(".notice[role=status]").getText())
			.startsWith("Version 1 is in effect again in place of version ");
		assertThat(this.browser.find("#gaf").findElement(By.cssSelector("tbody tr:last-child")).getText())
			.contains("gaf-eligibility v1", "In effect");
		this.browser.screenshot("policy-rolled-back");
		signOut();
	}

	private void scrollTo(String css) {
		((JavascriptExecutor) this.browser.driver())
			.executeScript("document.querySelector(arguments[0]).scrollIntoView()", css);
	}

	private void signIn(String user) {
		this.browser.go("/?lang=en");
		this.browser.type("#username", user);
		this.browser.type("#password", user);
		this.browser.click("main form button[type=submit]");
		this.browser.awaitHeading(heading -> !heading.equals("Sign in to Passage"));
	}

	private void signOut() {
		this.browser.click(".signed-in form button[type=submit]");
		this.browser.await("#username");
	}

	private void decide(String reference, String amount) {
		Map<String, String> input = new HashMap<>(
				Map.ofEntries(Map.entry("victimStatus", "IDENTIFIED"), Map.entry("crossBorder", "true"),
						Map.entry("otherProgramme", "NONE"), Map.entry("consent", "GIVEN"), Map.entry("minor", "false"),
						Map.entry("unaccompanied", "false"), Map.entry("guardianAppointed", "false"),
						Map.entry("immediateDanger", "false"), Map.entry("requested", "MEDICAL PSYCHOSOCIAL"),
						Map.entry("requestedAmount", amount), Map.entry("fundBalance", "50000.00"),
						Map.entry("reTraffickingRisk", "LOW"), Map.entry("priorGafCases", "0")));
		this.decisions.record(TextInputs.read(GafInput.class, input),
				new DecisionContext(reference, "process", Locale.ENGLISH));
	}

	/** Band 1 up to 1500, and the wording of the two bands saying so in en, fr and es. */
	private static byte[] gafWithBandOneUpTo1500() {
		return GafWorkbook.withBandOneUpTo(1500, workbook -> {
			Sheet reasons = workbook.getSheet("Reasons");
			String[][] wording = {
					{ "GAF_BAND_1", "Eligible for GAF, band 1 (up to USD 1,500): supervisor approval.",
							"Éligible au GAF, tranche 1 (jusqu'à 1 500 USD) : approbation du superviseur.",
							"Elegible para el GAF, tramo 1 (hasta 1.500 USD): aprobación del supervisor." },
					{ "GAF_BAND_2", "Eligible for GAF, band 2 (USD 1,500 to 3,000): regional approval.",
							"Éligible au GAF, tranche 2 (de 1 500 à 3 000 USD) : approbation régionale.",
							"Elegible para el GAF, tramo 2 (de 1.500 a 3.000 USD): aprobación regional." } };
			for (int band = 0; band < 2; band++) {
				org.apache.poi.ss.usermodel.Row row = reasons.getRow(14 + band);
				assertThat(row.getCell(0).getStringCellValue()).isEqualTo(wording[band][0]);
				for (int language = 1; language <= 3; language++) {
					row.getCell(language).setCellValue(wording[band][language]);
				}
			}
		});
	}

}
