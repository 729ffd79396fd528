package org.passage.ui;

import java.util.List;

import org.camunda.bpm.engine.identity.User;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.passage.security.Roles;
import org.springframework.http.HttpEntity;
import org.springframework.http.ResponseEntity;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * One victim-of-trafficking case taken through the pages in a real browser (headless
 * Chromium), as the people who use Passage would: an officer registers the case and
 * completes intake, consent, immediate needs, risk and plan; the GAF decision appears
 * with its reasons, which read in French and lead to their table row; the preparer cannot
 * approve, a supervisor can (and must say why to reject); the dashboard draws its charts;
 * a withdrawal of consent stops assistance. The job executor runs, as in production. Each
 * main page is checked with axe-core, and its screenshot goes to
 * {@code docs/screenshots}.
 *
 * <p>
 * Expected values come from domain.md section 2: an identified, cross-border victim with
 * consent, no other programme and USD 800 requested is row G14, ELIGIBLE for 800 with
 * supervisor approval (reason GAF_BAND_1, worded in the table's Reasons sheet).
 */
class CaseOfficerBrowserIT extends BrowserTesting {

	private static final String OFFICE = "BRW";

	/**
	 * Works as a case officer and as a supervisor: prepares the case, so may not approve
	 * it.
	 */
	private static final String PREPARER = "amara";

	@BeforeAll
	void staffAndFunds() {
		User user = this.identity.newUser(PREPARER);
		user.setFirstName("Amara");
		user.setLastName("Diallo");
		user.setPassword(PREPARER);
		this.identity.saveUser(user);
		this.identity.createMembership(PREPARER, Roles.CASE_OFFICER);
		this.identity.createMembership(PREPARER, Roles.SUPERVISOR);
		staffWorkFor(OFFICE, List.of(PREPARER, "supervisor", "officer"));
		fund("GAF", OFFICE, 50000);
		// Other people's cases of the office, enough for the dashboard to show a count.
		for (int other = 1; other <= 12; other++) {
			ResponseEntity<String> opened = this.http.withBasicAuth("officer", "officer")
				.postForEntity("/api/v1/cases", new HttpEntity<>("""
						{"type": "VOT", "office": "%s",
						 "person": {"givenName": "Other", "familyName": "Person %d", "sex": "UNKNOWN"}}"""
					.formatted(OFFICE, other), json()), String.class);
			assertThat(opened.getStatusCode().value()).as(opened.getBody()).isEqualTo(201);
		}
	}

	@Test
	@Order(1)
	void anOfficerSignsInAndRegistersACase() {
		this.browser.go("/?lang=en");
		assertThat(this.browser.text("h1")).isEqualTo("Sign in to Passage");
		this.browser.screenshot("sign-in");
		this.browser.assertAccessible("the sign-in page");
		signIn(PREPARER);
		assertThat(this.browser.text("h1")).isEqualTo("Inbox");
		assertThat(this.browser.text(".signed-in")).contains("amara", "Case officer", OFFICE);

		this.browser.clickLink("New case");
		this.browser.assertAccessible("the registration page");
		this.browser.go("/inbox");
		this.reference = register("VOT", OFFICE, "Chioma", "Okafor", "FEMALE", "1998", "nga");
		assertThat(this.browser.text(".notice")).contains("Case " + this.reference + " is open");
	}

	@Test
	@Order(2)
	void registeringTheSamePersonAgainIsWarned() {
		this.browser.clickLink("New case");
		this.browser.click("input[name=type][value=VOT]");
		new org.openqa.selenium.support.ui.Select(this.browser.find("#office")).selectByValue(OFFICE);
		this.browser.type("#givenName", "chioma");
		this.browser.type("#familyName", "OKAFOR");
		this.browser.click("input[name=sex][value=FEMALE]");
		this.browser.type("#birthYear", "1998");
		this.browser.click("main form button[type=submit]");

		assertThat(this.browser.await("#same-name").getText()).isEqualTo("This person may already have an open case");
		assertThat(this.browser.find("section.notice").findElement(By.linkText(this.reference)).isDisplayed()).isTrue();
		assertThat(this.browser.text("main form button[name=openAnyway]"))
			.isEqualTo("This is a different person: register a new case");
	}

	@Test
	@Order(3)
	void theOfficerCompletesIntakeAndSeesWhatAFormRefuses() {
		this.browser.go("/inbox");
		assertThat(this.browser.text("#steps")).contains(this.reference, "Identification and screening");
		this.browser.screenshot("inbox");
		this.browser.assertAccessible("the inbox");

		openStep("Identification and screening");
		this.browser.click("form.step-form button[type=submit]");
		assertThat(this.browser.await("#field-victimStatus-error").getText()).isEqualTo("Fill in this field.");
		assertThat(this.browser.text("#step .notice.error"))
			.isEqualTo("One field needs your attention. Nothing was saved.");
		this.browser.screenshot("step-form-error");
		this.browser.assertAccessible("a step form with an error");

		choose("victimStatus", "IDENTIFIED");
		tick("crossBorder");
		this.browser.type("#field-summary", "Screening interview held with an interpreter");
		complete("Identification and screening");

		stepOfTheCase("Immediate needs");
		tick("needsMet", "FOOD_WATER");
		tick("needsMet", "SAFE_ACCOMMODATION");
		complete("Immediate needs");

		stepOfTheCase("Informed consent");
		assertThat(this.browser.find("#field-scope-0").isDisplayed())
			.as("what a consent covers is asked only once it is given")
			.isFalse();
		tick("consentGiven");
		choose("givenBy", "SELF");
		tick("scope", "ASSISTANCE");
		tick("scope", "DATA_SHARING");
		complete("Informed consent");

		stepOfTheCase("Risk assessment");
		choose("reTraffickingRisk", "LOW");
		complete("Risk assessment");
	}

	@Test
	@Order(4)
	void thePlanLeadsToTheGafDecisionWithItsReasons() {
		stepOfTheCase("Individual assistance plan");
		assertThat(this.browser.text("#field-otherProgramme-help")).contains("another programme");
		tick("requested", "MEDICAL");
		tick("requested", "PSYCHOSOCIAL");
		this.browser.type("#field-requestedAmount", "800");
		choose("otherProgramme", "NONE");
		complete("Individual assistance plan");

		WebElement decision = this.browser.await("#decision article.decision");
		assertThat(decision.getText()).contains("Eligible", "800.00", "Supervisor",
				"Eligible for GAF, band 1 (up to USD 1,000): supervisor approval.", "GAF_BAND_1");
	}

	@Test
	@Order(5)
	void theReasonsReadInFrenchAndLeadToTheirTableRow() {
		this.browser.go("/cases/" + this.reference + "?lang=en");
		this.browser.fullPageScreenshot("case-file");
		this.browser.assertAccessible("the case file");

		this.browser.go("/cases/" + this.reference + "?lang=fr");
		WebElement reasons = this.browser.find("article.decision ul.reasons");
		assertThat(reasons.getText())
			.contains("Éligible au GAF, tranche 1 (jusqu'à 1 000 USD) : approbation du superviseur.");
		assertThat(this.browser.text("article.decision dl")).contains("Éligible", "800,00");
		reasons.findElement(By.tagName("a")).click();

		WebElement row = this.browser.await("tr#row-G14");
		assertThat(row.getAttribute("class")).contains("highlight");
		assertThat(row.getAttribute("aria-current")).isEqualTo("true");
		this.browser.screenshot("table-row");
		this.browser.assertAccessible("a decision table page");
		this.browser.go("/rulesets?lang=en");
	}

	@Test
	@Order(6)
	void thePreparerIsNotOfferedTheApprovalAndASupervisorApproves() {
		stepOfTheCase("Approve assistance");
		assertThat(this.browser.text("#step .notice"))
			.isEqualTo("You prepared this case, so another person must approve it.");
		assertThat(this.browser.all("button[name=approved]")).isEmpty();
		signOut();

		signIn("supervisor");
		stepOfTheCase("Approve assistance");
		assertThat(this.browser.text("#step article.decision")).contains("Eligible", "800.00");
		this.browser.click("button[name=approved][value=false]");
		assertThat(this.browser.await("#field-comment-error").getText())
			.isEqualTo("Say why you reject it: the person who prepared the case will read it.");
		this.browser.type("#field-comment", "Within band 1; medical and psychosocial care");
		this.browser.click("button[name=approved][value=true]");
		assertThat(this.browser.await("#step .notice[role=status]").getText())
			.isEqualTo("You completed “Approve assistance” of case " + this.reference + ".");
	}

	@Test
	@Order(7)
	void theDashboardDrawsItsCharts() {
		this.browser.clickLink("Dashboard");
		assertThat(this.browser.text("h1")).isEqualTo("Dashboard");
		Object charts = this.browser.until(driver -> {
			Object drawn = ((org.openqa.selenium.JavascriptExecutor) driver).executeScript(
					"return typeof Chart === 'undefined' ? null : Array.from(document.querySelectorAll('canvas')).filter(c => Chart.getChart(c)).length;");
			return drawn instanceof Number count && count.intValue() >= 3 ? count : null;
		});
		assertThat(((Number) charts).intValue()).isGreaterThanOrEqualTo(3);
		assertThat(this.browser.text("main")).contains("GAF-" + OFFICE, "50,000.00", "fewer than 11",
				"Victim of trafficking: Identification and screening");
		this.browser.screenshot("dashboard");
		this.browser.assertAccessible("the dashboard");
	}

	@Test
	@Order(8)
	void aWithdrawalOfConsentStopsAssistance() {
		this.browser.go("/cases/" + this.reference);
		this.browser.click("form.withdraw button[type=submit]");
		assertThat(this.browser.await("#consent .notice.error").getText())
			.isEqualTo("Tick the box to confirm that the person withdrew consent. Nothing was changed.");
		this.browser.click("form.withdraw input[name=confirmed]");
		this.browser.click("form.withdraw button[type=submit]");
		assertThat(this.browser.await(".notice[role=status]").getText())
			.isEqualTo("The withdrawal of consent is recorded on case " + this.reference + ": assistance has stopped.");
		this.browser.until(driver -> {
			driver.navigate().refresh();
			return driver.findElement(By.cssSelector("dl.summary")).getText().contains("Consent withdrawn") ? true
					: null;
		});
		assertThat(this.browser.all("form.withdraw")).isEmpty();
	}

	@Test
	@Order(9)
	void anAuditorSeesWhoReadThePersonsFileButNeverTheFile() {
		signOut();
		signIn("auditor");
		assertThat(this.browser.text("h1")).isEqualTo("Audit trail");
		this.browser.type("#reference", this.reference);
		this.browser.click("main form button[type=submit]");
		this.browser.await("main table");
		assertThat(this.browser.text("main table")).contains("Read the person's file", PREPARER, "Opened the case",
				"Recorded the withdrawal of consent");
		assertThat(this.browser.text("main")).doesNotContain("Chioma", "Okafor");
		this.browser.screenshot("audit-trail");
		this.browser.assertAccessible("the audit trail");
	}

	/** Opens the step {@code name} of this class's case from the inbox. */
	private void openStep(String name) {
		this.browser.find("#steps")
			.findElement(By.xpath(".//tr[.//a[text()='" + this.reference + "']]"))
			.findElement(By.linkText(name))
			.click();
		this.browser.await("form.step-form, #step .notice");
	}

}
