package org.passage.ui;

import java.util.List;

import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The case of {@code docs/walkthrough.md}, taken from registration to closure in the
 * pages by the people who work it: the officer, the supervisor who approves the
 * assistance, the regional approver who approves the reintegration package. Its
 * screenshots ({@code docs/screenshots/walkthrough-*.png}) are the walkthrough's. The job
 * executor runs as in production; only the monitoring months are made to pass at once.
 *
 * <p>
 * Expected values come from domain.md section 2: GAF row G14 (identified, cross-border,
 * consent, no other programme, 800 requested: ELIGIBLE for 800, supervisor approval);
 * reintegration row R5 (victim of trafficking: VULNERABLE_CASE_MANAGED, regional
 * approval) with 150 arrival cash for one adult and 3,500 in kind, 3,650 in all, and 12
 * months of monitoring: visits at 3, 6 and 12 months.
 */
class WalkthroughBrowserIT extends BrowserTesting {

	private static final String OFFICE = "WLK";

	@Autowired
	RuntimeService runtime;

	@Autowired
	ManagementService management;

	@BeforeAll
	void staffAndFunds() {
		staffWorkFor(OFFICE, List.of("officer", "supervisor", "regional"));
		fund("GAF", OFFICE, 50000);
		fund("REINTEGRATION", OFFICE, 40000);
	}

	@Test
	@Order(1)
	void theOfficerRegistersTheCase() {
		signIn("officer");
		this.browser.screenshot("walkthrough-01-inbox");
		this.browser.clickLink("New case");
		this.browser.click("input[name=type][value=VOT]");
		this.browser.screenshot("walkthrough-02-register");
		this.browser.go("/inbox");
		this.reference = register("VOT", OFFICE, "Amina", "Kamara", "FEMALE", "1998", "SLE");
		assertThat(this.browser.text(".notice"))
			.isEqualTo("Case " + this.reference + " is open. Its first step is in the inbox of its office.");
		this.browser.screenshot("walkthrough-03-case-opened");
	}

	@Test
	@Order(2)
	void theOfficerScreensMeetsImmediateNeedsAndRecordsConsent() {
		stepOfTheCase("Identification and screening");
		choose("victimStatus", "IDENTIFIED");
		tick("crossBorder");
		enter("summary", "Screening interview held with an interpreter");
		this.browser.screenshot("walkthrough-04-screening");
		complete("Identification and screening");

		stepOfTheCase("Immediate needs");
		tick("needsMet", "FOOD_WATER");
		tick("needsMet", "SAFE_ACCOMMODATION");
		complete("Immediate needs");

		stepOfTheCase("Informed consent");
		tick("consentGiven");
		choose("givenBy", "SELF");
		tick("scope", "ASSISTANCE");
		tick("scope", "DATA_SHARING");
		this.browser.screenshot("walkthrough-05-consent");
		complete("Informed consent");
	}

	@Test
	@Order(3)
	void theRiskAssessmentAndPlanLeadToTheGafDecision() {
		stepOfTheCase("Risk assessment");
		choose("reTraffickingRisk", "LOW");
		complete("Risk assessment");

		stepOfTheCase("Individual assistance plan");
		tick("requested", "MEDICAL");
		tick("requested", "PSYCHOSOCIAL");
		enter("requestedAmount", "800");
		choose("otherProgramme", "NONE");
		complete("Individual assistance plan");
		assertThat(this.browser.await("#decision article.decision").getText()).contains("Eligible", "800.00",
				"Supervisor", "GAF_BAND_1");
		this.browser.screenshot("walkthrough-06-gaf-decision");
		signOut();
	}

	@Test
	@Order(4)
	void theSupervisorApprovesTheAssistance() {
		signIn("supervisor");
		stepOfTheCase("Approve assistance");
		enter("comment", "Within band 1: medical and psychosocial care");
		this.browser.screenshot("walkthrough-07-approve");
		this.browser.click("button[name=approved][value=true]");
		assertThat(this.browser.await("#step .notice[role=status]").getText())
			.isEqualTo("You completed “Approve assistance” of case " + this.reference + ".");
		signOut();
	}

	@Test
	@Order(5)
	void theOfficerDeliversTheAssistanceAndPlansTheReturn() {
		signIn("officer");
		stepOfTheCase("Deliver assistance");
		enter("deliveredAmount", "750");
		enter("summary", "Medical and psychosocial care");
		this.browser.screenshot("walkthrough-08-deliver");
		complete("Deliver assistance");

		stepOfTheCase("Durable solution");
		choose("solution", "RETURN");
		enter("summary", "Wishes to go home");
		complete("Durable solution");

		stepOfTheCase("Family tracing and assessment of the place of return");
		tick("familyTraced");
		tick("placeOfReturnSafe");
		enter("summary", "Mother found; the village is safe");
		complete("Family tracing and assessment of the place of return");

		stepOfTheCase("Prepare reintegration plan");
		choose("pathway", "VOT_RETURN");
		tick("vulnerabilities", "VICTIM_OF_TRAFFICKING");
		enter("adults", "1");
		enter("children", "0");
		choose("returnContext", "STABLE");
		choose("plan", "VOCATIONAL_TRAINING");
		enter("contributionPct", "0");
		choose("reTraffickingRisk", "LOW");
		enter("age", "28");
		this.browser.screenshot("walkthrough-09-reintegration-plan");
		complete("Prepare reintegration plan");
		assertThat(this.browser.await("#decision article.decision").getText()).contains("Eligible", "3,650.00",
				"Regional approver", "PROTECTION_CASE_MANAGEMENT");
		signOut();
	}

	@Test
	@Order(6)
	void theRegionalApproverApprovesThePackage() {
		signIn("regional");
		stepOfTheCase("Approve package");
		this.browser.screenshot("walkthrough-10-approve-package");
		this.browser.click("button[name=approved][value=true]");
		assertThat(this.browser.await("#step .notice[role=status]").getText())
			.isEqualTo("You completed “Approve package” of case " + this.reference + ".");
		signOut();
	}

	@Test
	@Order(7)
	void theOfficerDeliversThePackageVisitsThreeTimesAndTheCaseCloses() {
		signIn("officer");
		stepOfTheCase("Deliver package");
		enter("deliveredAmount", "3650");
		enter("summary", "Cash on arrival; enrolled in a tailoring course");
		complete("Deliver package");

		for (int visit = 1; visit <= 3; visit++) {
			monthsPass();
			stepOfTheCase("Monitoring visit");
			tick("sustainable");
			enter("summary", "Visit " + visit + ": attending the course");
			if (visit == 1) {
				this.browser.screenshot("walkthrough-11-monitoring-visit");
			}
			complete("Monitoring visit");
		}

		this.browser.go("/cases/" + this.reference + "?lang=en");
		this.browser.until(driver -> {
			driver.navigate().refresh();
			return this.browser.text("dl.summary").contains("Closed") ? true : null;
		});
		assertThat(this.browser.text("main")).contains("Deliver assistance", "750.00", "Deliver package", "3,650.00");
		this.browser.screenshot("walkthrough-12-closed");
	}

	/**
	 * The months until the next monitoring visit pass: its timer fires now (the job
	 * executor would fire it when it is due).
	 */
	private void monthsPass() {
		List<Job> timers = this.browser.until(driver -> {
			List<Job> waiting = new java.util.ArrayList<>();
			for (ProcessInstance instance : this.runtime.createProcessInstanceQuery()
				.processInstanceBusinessKey(this.reference)
				.list()) {
				waiting.addAll(this.management.createJobQuery().processInstanceId(instance.getId()).timers().list());
			}
			return waiting.isEmpty() ? null : waiting;
		});
		timers.forEach(timer -> this.management.executeJob(timer.getId()));
	}

}
