package org.passage.cases;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import com.fasterxml.jackson.databind.JsonNode;
import org.camunda.bpm.engine.runtime.Job;
import org.junit.jupiter.api.Test;
import org.springframework.http.ResponseEntity;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Victim-of-trafficking cases on PostgreSQL with the real delegates, decision engine and
 * ledger, driven through the case and task API. Expected decisions are derived by hand
 * from domain.md section 2 (the rows named in each test).
 */
class VotCaseIT extends CaseworkTesting {

	@org.springframework.beans.factory.annotation.Autowired
	org.passage.cases.internal.CaseProcesses processes;

	static final String SCREENING = """
			{"victimStatus": "IDENTIFIED", "crossBorder": true, "minor": false, "unaccompanied": false,
			 "guardianAppointed": false, "summary": "Screening interview held with an interpreter"}""";

	static final String NEEDS = """
			{"needsMet": ["FOOD_WATER", "SAFE_ACCOMMODATION"], "summary": "Placed in the shelter"}""";

	static final String CONSENT = """
			{"consentGiven": true, "givenBy": "SELF", "scope": ["ASSISTANCE", "DATA_SHARING"]}""";

	static final String RISK = """
			{"reTraffickingRisk": "LOW", "immediateDanger": false}""";

	static final String PLAN = """
			{"requested": ["MEDICAL", "PSYCHOSOCIAL"], "requestedAmount": 800.00, "otherProgramme": "NONE"}""";

	/**
	 * Intake to the GAF decision: screening, immediate needs, consent, risk, plan; then
	 * the decision runs.
	 */
	String decidedCase(String office) {
		String vot = openCase("VOT", office);
		completes("officer", vot, "Activity_ScreenCase", SCREENING);
		completes("officer", vot, "Activity_ProvideImmediateNeeds", NEEDS);
		completes("officer", vot, "Activity_RecordConsent", CONSENT);
		completes("officer", vot, "Activity_AssessRisk", RISK);
		completes("officer", vot, "Activity_PlanAssistance", PLAN);
		runDueSteps(vot);
		return vot;
	}

	@Test
	void aVictimIsAssistedReturnsHomeIsReintegratedMonitoredAndTheCaseCloses() {
		staffWorkFor("ACC");
		fund("GAF", "ACC", "50000.00");
		fund("REINTEGRATION", "ACC", "40000.00");
		String vot = decidedCase("ACC");

		// G14: identified, cross-border, no other programme, consent given, 800 <= 1000:
		// ELIGIBLE, SUPERVISOR.
		JsonNode gaf = caseFile("supervisor", vot).get("decisions").get(0);
		assertThat(gaf.get("decision").asText()).isEqualTo("ELIGIBLE");
		assertThat(gaf.get("approvalLevel").asText()).isEqualTo("SUPERVISOR");
		assertThat(gaf.get("grantedAmount").decimalValue()).isEqualByComparingTo("800.00");
		assertThat(gaf.get("reasons").get(0).get("code").asText()).isEqualTo("GAF_BAND_1");

		ResponseEntity<String> preparerApproves = post("officer",
				"/api/v1/tasks/" + taskId("supervisor", vot, "Activity_ApproveAssistance") + ":claim", "");
		assertThat(preparerApproves.getStatusCode().value()).as("the officer does not even see the approval")
			.isEqualTo(404);
		completes("supervisor", vot, "Activity_ApproveAssistance", """
				{"approved": true, "comment": "Within band 1"}""");
		runDueSteps(vot);
		assertThat(fund("GAF-ACC-" + year())).containsEntry("reserved", new BigDecimal("800.00"));

		completes("officer", vot, "Activity_DeliverAssistance", """
				{"deliveredAmount": 750.00, "summary": "Medical and psychosocial care"}""");
		runDueSteps(vot);
		assertThat(fund("GAF-ACC-" + year())).containsEntry("reserved", new BigDecimal("0.00"))
			.containsEntry("committed", new BigDecimal("750.00"));

		completes("officer", vot, "Activity_ChooseDurableSolution", """
				{"solution": "RETURN", "summary": "Wishes to go home"}""");
		completes("officer", vot, "Activity_TraceFamily", """
				{"familyTraced": true, "placeOfReturnSafe": true, "summary": "Mother found"}""");
		completes("officer", vot, "Activity_PrepareReintegrationPlan", """
				{"pathway": "VOT_RETURN", "vulnerabilities": ["VICTIM_OF_TRAFFICKING"], "adults": 1, "children": 0,
				 "returnContext": "STABLE", "plan": "VOCATIONAL_TRAINING", "businessPlanAssessed": false,
				 "contributionPct": 0, "reTraffickingRisk": "LOW", "bannedFromDestination": false,
				 "priorPackage": false, "age": 28}""");
		runDueSteps(vot);

		// R5 (victim of trafficking): VULNERABLE_CASE_MANAGED, REGIONAL; 150 arrival cash
		// + 3,500 in kind;
		// 12 months of monitoring: visits at 3, 6 and 12 months (domain.md section 3).
		JsonNode pack = caseFile("regional", vot).get("decisions").get(0);
		assertThat(pack.get("programme").asText()).isEqualTo("reintegration");
		assertThat(pack.get("tier").asText()).isEqualTo("VULNERABLE_CASE_MANAGED");
		assertThat(pack.get("approvalLevel").asText()).isEqualTo("REGIONAL");
		assertThat(pack.get("grantedAmount").decimalValue()).isEqualByComparingTo("3650");
		completes("regional", vot, "Activity_ApprovePackage", """
				{"approved": true}""");
		runDueSteps(vot);
		completes("officer", vot, "Activity_DeliverPackage", """
				{"deliveredAmount": 3650.00, "summary": "Cash on arrival, training enrolled"}""");
		runDueSteps(vot);
		for (int visit = 1; visit <= 3; visit++) {
			fireTimers(vot);
			completes("officer", vot, "Activity_MonitoringVisit", """
					{"sustainable": true, "summary": "Visit %d: attending training"}""".formatted(visit));
		}
		assertThat(jobs(vot, true)).as("no fourth visit").isEmpty();
		runDueSteps(vot);

		JsonNode closed = caseFile("supervisor", vot);
		assertThat(closed.get("status").asText()).isEqualTo("CLOSED");
		assertThat(closed.get("openTasks")).isEmpty();
		assertThat(closed.get("reservations")).extracting(r -> r.get("status").asText())
			.containsExactly("COMMITTED", "COMMITTED");
		assertThat(closed.get("assistance"))
			.extracting(item -> item.get("step").asText() + " " + item.get("amount").decimalValue().toPlainString())
			.containsExactly("Activity_DeliverAssistance 750.00", "Activity_DeliverPackage 3650.00");
		assertThat(closed.get("consents").get(0).get("given").asBoolean()).isTrue();
		assertThat(closed.get("notes")).extracting(n -> n.get("text").asText())
			.containsExactly("Approve assistance: Within band 1");
		assertThat(fund("REINTEGRATION-ACC-" + year())).containsEntry("committed", new BigDecimal("3650.00"));
		assertThat(this.jdbc.sql("select count(*) from app.case_statistic where office = 'ACC'")
			.query(Long.class)
			.single()).isEqualTo(1);
		assertThat(this.jdbc.sql("select count(*) from app.read_audit where case_reference = ?")
			.param(vot)
			.query(Long.class)
			.single()).as("each of the three reads of the case file is audited").isEqualTo(3);
	}

	@Test
	void noPersonalDataReachesCamundasVariables() {
		staffWorkFor("ACC");
		String vot = decidedCase("ACC");
		List<String> names = this.jdbc.sql("select distinct name_ from act_hi_varinst where proc_inst_id_ = ?")
			.param(this.runtime.createProcessInstanceQuery().processInstanceBusinessKey(vot).singleResult().getId())
			.query(String.class)
			.list();
		assertThat(names).isNotEmpty()
			.allMatch(name -> List
				.of("caseId", "consentGiven", "decision", "decisionId", "approverGroup", "route", "fundId")
				.contains(name));
		assertThat(this.jdbc.sql("select count(*) from act_hi_varinst where text_ like '%Amina%'")
			.query(Long.class)
			.single()).isZero();
	}

	@Test
	void aFormFilledInWronglyIsRefusedNamingTheFieldAndChangesNothing() {
		staffWorkFor("ACC");
		String vot = openCase("VOT", "ACC");
		ResponseEntity<String> refused = complete("officer", vot, "Activity_ScreenCase", """
				{"victimStatus": "SOMETIMES", "crossBorder": "yes", "nickname": "x"}""");
		assertThat(refused.getStatusCode().value()).isEqualTo(400);
		assertThat(refused.getHeaders().getContentType().toString()).isEqualTo("application/problem+json");
		assertThat(read(refused.getBody()).get("errors")).extracting(e -> e.get("field").asText())
			.containsExactlyInAnyOrder("nickname", "victimStatus", "crossBorder");
		JsonNode file = caseFile("officer", vot);
		assertThat(file.get("facts")).isEmpty();
		assertThat(file.get("openTasks").get(0).get("step").asText()).isEqualTo("Activity_ScreenCase");
		assertThat(file.get("openTasks").get(0).get("assignee").isNull()).as("not even claimed").isTrue();
	}

	@Test
	void twoCompletionsOfOneStepAtOnceGiveOneSuccessAndOneConflict() throws Exception {
		staffWorkFor("ACC");
		for (int round = 0; round < 10; round++) {
			String vot = openCase("VOT", "ACC");
			String task = taskId("officer", vot, "Activity_ScreenCase");
			List<Integer> statuses = concurrently(2,
					() -> post("officer", "/api/v1/tasks/" + task + ":complete", SCREENING).getStatusCode().value());
			assertThat(statuses).as("round " + round).containsExactlyInAnyOrder(204, 409);
			assertThat(
					this.jdbc.sql("select count(*) from app.case_event where case_reference = ? and kind = 'COMPLETED'")
						.param(vot)
						.query(Long.class)
						.single())
				.as("one completion recorded")
				.isEqualTo(1);
		}
	}

	@Test
	void fiftyApprovalsAgainstAFundThatCanPayTenReserveExactlyTen() throws Exception {
		staffWorkFor("LAG");
		fund("GAF", "LAG", "8000.00"); // ten times 800
		List<String> cases = new ArrayList<>();
		for (int i = 0; i < 50; i++) {
			cases.add(decidedCase("LAG"));
		}
		List<String> approvals = cases.stream()
			.map(vot -> taskId("supervisor", vot, "Activity_ApproveAssistance"))
			.toList();
		List<Integer> approved = concurrently(approvals.size(), new Callable<>() {
			private final java.util.concurrent.atomic.AtomicInteger next = new java.util.concurrent.atomic.AtomicInteger();

			@Override
			public Integer call() {
				String task = approvals.get(this.next.getAndIncrement());
				return post("supervisor", "/api/v1/tasks/" + task + ":complete", "{\"approved\": true}").getStatusCode()
					.value();
			}
		});
		assertThat(approved).containsOnly(204);
		List<Job> reservations = cases.stream().flatMap(vot -> jobs(vot, false).stream()).toList();
		assertThat(reservations).hasSize(50);
		List<Boolean> ran = concurrently(reservations.size(), new Callable<>() {
			private final java.util.concurrent.atomic.AtomicInteger next = new java.util.concurrent.atomic.AtomicInteger();

			@Override
			public Boolean call() {
				return runQuietly(reservations.get(this.next.getAndIncrement()).getId());
			}
		});
		assertThat(ran).as("every reservation step ran; ten found money, forty did not").containsOnly(true);
		Map<String, Object> fund = fund("GAF-LAG-" + year());
		assertThat(fund).containsEntry("reserved", new BigDecimal("8000.00"))
			.containsEntry("committed", new BigDecimal("0.00"));
		assertThat(this.jdbc.sql("select count(*) from app.fund_reservation where fund_id = ?")
			.param("GAF-LAG-" + year())
			.query(Long.class)
			.single()).isEqualTo(10);
		long delivering = cases.stream()
			.filter(vot -> this.runtime.createProcessInstanceQuery()
				.processInstanceBusinessKey(vot)
				.activityIdIn("Activity_DeliverAssistance")
				.count() == 1)
			.count();
		long waiting = cases.stream()
			.filter(vot -> this.runtime.createProcessInstanceQuery()
				.processInstanceBusinessKey(vot)
				.activityIdIn("Activity_DecideOnPendingFunds")
				.count() == 1)
			.count();
		assertThat(delivering).isEqualTo(10);
		assertThat(waiting).isEqualTo(40);
	}

	@Test
	void withdrawnConsentStopsAssistanceAndReleasesTheReservedMoney() {
		staffWorkFor("ABJ");
		fund("GAF", "ABJ", "5000.00");
		String vot = decidedCase("ABJ");
		completes("supervisor", vot, "Activity_ApproveAssistance", """
				{"approved": true}""");
		runDueSteps(vot);
		assertThat(fund("GAF-ABJ-" + year())).containsEntry("reserved", new BigDecimal("800.00"));
		assertThat(post("officer", "/api/v1/cases/" + vot + "/consent:withdraw", "").getStatusCode().value())
			.isEqualTo(204);
		runDueSteps(vot);
		JsonNode stopped = caseFile("officer", vot);
		assertThat(stopped.get("status").asText()).isEqualTo("CONSENT_WITHDRAWN");
		assertThat(stopped.get("openTasks")).isEmpty();
		assertThat(stopped.get("reservations").get(0).get("status").asText()).isEqualTo("RELEASED");
		assertThat(fund("GAF-ABJ-" + year())).containsEntry("reserved", new BigDecimal("0.00"));
		assertThat(post("officer", "/api/v1/cases/" + vot + "/consent:withdraw", "").getStatusCode().value())
			.as("nothing left to withdraw")
			.isEqualTo(409);
	}

	@Test
	void staffOfAnotherOfficeCannotSeeTheCase() {
		staffWorkFor("ACC");
		String vot = openCase("VOT", "ACC");
		this.jdbc
			.sql("insert into app.staff_office (user_id, office) values ('elsewhere', 'XYZ') on conflict do nothing")
			.update();
		assertThat(get("regional", "/api/v1/cases/" + vot).getStatusCode().value()).isEqualTo(200);
		assertThat(get("policy", "/api/v1/cases/" + vot).getStatusCode().value()).as("policy staff have no case role")
			.isEqualTo(403);
		assertThat(get("admin", "/api/v1/cases/" + vot).getStatusCode().value()).as("operators do not read case files")
			.isEqualTo(403);
		ResponseEntity<String> wrongOffice = post("officer", "/api/v1/cases", """
				{"type": "VOT", "office": "XYZ",
				 "person": {"givenName": "A", "familyName": "B", "sex": "MALE"}}""");
		assertThat(wrongOffice.getStatusCode().value()).isEqualTo(403);
	}

	@Test
	void aJobRunTwiceAtOnceDecidesOnceAndReservesOnce() throws Exception {
		staffWorkFor("KAN");
		fund("GAF", "KAN", "50000.00");
		String vot = openCase("VOT", "KAN");
		completes("officer", vot, "Activity_ScreenCase", SCREENING);
		completes("officer", vot, "Activity_ProvideImmediateNeeds", NEEDS);
		completes("officer", vot, "Activity_RecordConsent", CONSENT);
		completes("officer", vot, "Activity_AssessRisk", RISK);
		completes("officer", vot, "Activity_PlanAssistance", PLAN);
		// Two executors holding the same job, as after an expired lock: one wins, the
		// other rolls back.
		String decide = jobs(vot, false).get(0).getId();
		concurrently(2, () -> runQuietly(decide));
		assertThat(this.jdbc.sql("select count(*) from app.decision where case_id = ?")
			.param(vot)
			.query(Long.class)
			.single()).isEqualTo(1);
		completes("supervisor", vot, "Activity_ApproveAssistance", """
				{"approved": true}""");
		String reserve = jobs(vot, false).get(0).getId();
		concurrently(2, () -> runQuietly(reserve));
		assertThat(this.jdbc.sql("select count(*) from app.fund_reservation where case_reference = ?")
			.param(vot)
			.query(Long.class)
			.single()).isEqualTo(1);
		assertThat(taskId("officer", vot, "Activity_DeliverAssistance")).isNotBlank();
	}

	@Test
	void aCaseShortOfFundsWaitsUntilHeadquartersTopsTheFundUp() {
		staffWorkFor("BKO");
		fund("GAF", "BKO", "500.00");
		String vot = decidedCase("BKO");
		// G14 then G19: 800 granted > 500 in the fund: ELIGIBLE_PENDING_FUNDS, the amount
		// kept.
		JsonNode waiting = caseFile("supervisor", vot).get("decisions").get(0);
		assertThat(waiting.get("decision").asText()).isEqualTo("ELIGIBLE_PENDING_FUNDS");
		assertThat(taskId("supervisor", vot, "Activity_DecideOnPendingFunds")).isNotBlank();
		fund("GAF", "BKO", "1000.00");
		runDueSteps(vot);
		// Decided again with 1,500 in the fund: G14 alone, ELIGIBLE.
		assertThat(caseFile("supervisor", vot).get("decisions").get(0).get("decision").asText()).isEqualTo("ELIGIBLE");
		assertThat(taskId("supervisor", vot, "Activity_ApproveAssistance")).isNotBlank();
	}

	@Test
	void aCaseIsNeverStartedTwice() {
		staffWorkFor("ACC");
		String vot = openCase("VOT", "ACC");
		org.assertj.core.api.Assertions.assertThatThrownBy(() -> this.processes.start(vot, CaseType.VOT))
			.isInstanceOfSatisfying(org.springframework.web.ErrorResponseException.class,
					refused -> assertThat(refused.getStatusCode().value()).isEqualTo(409));
		assertThat(this.runtime.createProcessInstanceQuery().processInstanceBusinessKey(vot).count()).isEqualTo(1);
	}

	/**
	 * Executes a job; losing the race to another executor is what the test expects of one
	 * of them.
	 */
	private boolean runQuietly(String jobId) {
		try {
			this.management.executeJob(jobId);
			return true;
		}
		catch (RuntimeException lost) {
			return false;
		}
	}

	/** Runs {@code work} on {@code threads} threads released at the same instant. */
	static <T> List<T> concurrently(int threads, Callable<T> work) throws Exception {
		ExecutorService pool = Executors.newFixedThreadPool(threads);
		try {
			CountDownLatch start = new CountDownLatch(1);
			List<Future<T>> results = new ArrayList<>();
			for (int i = 0; i < threads; i++) {
				results.add(pool.submit(() -> {
					start.await();
					return work.call();
				}));
			}
			start.countDown();
			List<T> values = new ArrayList<>();
			for (Future<T> result : results) {
				values.add(result.get());
			}
			return values;
		}
		finally {
			pool.shutdownNow();
		}
	}

	static int year() {
		return java.time.LocalDate.now(java.time.ZoneOffset.UTC).getYear();
	}

}
