package org.passage.cases;

import java.util.List;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.passage.rules.decision.Priority;
import org.passage.security.Roles;
import org.passage.tasks.Steps;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.security.test.context.support.WithMockUser;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The inbox over PostgreSQL: the steps of an officer's offices, URGENT cases first, then
 * stranded migrants past the 72-hour HASM deadline, then the longest waiting; filtered
 * and paged by the database, never showing another office's case or a step the officer
 * may not take.
 *
 * <p>
 * The URGENT case: a stranded migrant whose situation is LIFE_THREATENING gets HASM row
 * H13 (ELIGIBLE) with priority URGENT (domain.md 2.2), and after the supervisor's
 * approval waits at the travel documents, a case officer's step.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@WithMockUser(username = "officer", roles = "CASE_OFFICER")
class WaitingStepsIT extends CaseworkTesting {

	static final String OFFICE = "INB";

	static final String OTHER_OFFICE = "OTH";

	@Autowired
	Steps steps;

	final Staff officer = new Staff("officer", Set.of(Roles.CASE_OFFICER), List.of(OFFICE));

	String oldest;

	String overdue;

	String urgent;

	String otherOffice;

	@BeforeAll
	void threeCasesOfTheOfficeAndOneOfAnother() {
		staffWorkFor(OFFICE);
		fund("HASM", OFFICE, "30000.00");
		this.oldest = openCase("VOT", OFFICE);

		this.overdue = openCase("STRANDED_MIGRANT", OFFICE);
		// Four days pass without a HASM decision.
		this.jdbc.sql("update app.case_file set opened_at = opened_at - interval '4 days' where reference = ?")
			.param(this.overdue)
			.update();

		this.urgent = openCase("STRANDED_MIGRANT", OFFICE);
		completes("officer", this.urgent, "Activity_ProvideImmediateHelp", """
				{"needsMet": ["FOOD_WATER"], "summary": "Hospital referral"}""");
		completes("officer", this.urgent, "Activity_ScreenProtectionNeeds", """
				{"screening": "NONE"}""");
		completes("officer", this.urgent, "Activity_ConfirmWishToReturn",
				StrandedMigrantCaseIT.RETURN_NEEDS.replace("\"DESPERATE\"", "\"LIFE_THREATENING\""));
		runDueSteps(this.urgent);
		completes("supervisor", this.urgent, "Activity_ApproveReturn", """
				{"approved": true}""");
		runDueSteps(this.urgent);

		this.jdbc.sql("insert into app.staff_office (user_id, office) values ('officer', ?) on conflict do nothing")
			.param(OTHER_OFFICE)
			.update();
		this.otherOffice = openCase("VOT", OTHER_OFFICE);
		this.jdbc.sql("delete from app.staff_office where user_id = 'officer' and office = ?")
			.param(OTHER_OFFICE)
			.update();
	}

	@Test
	void urgentCasesComeFirstThenOverdueOnesThenTheLongestWaiting() {
		WaitingSteps.Page page = unclaimed(WaitingSteps.Filter.NONE, 0, 25);
		assertThat(page.steps()).extracting(WaitingSteps.Step::caseReference)
			.containsExactly(this.urgent, this.overdue, this.oldest);
		assertThat(page.steps()).extracting(WaitingSteps.Step::step)
			.containsExactly("Activity_ObtainTravelDocuments", "Activity_ProvideImmediateHelp", "Activity_ScreenCase");
		assertThat(page.steps()).extracting(WaitingSteps.Step::priority)
			.containsExactly(Priority.URGENT, Priority.NORMAL, Priority.NORMAL);
		assertThat(page.steps()).extracting(WaitingSteps.Step::overdue).containsExactly(false, true, false);
		assertThat(page.total()).isEqualTo(3);
	}

	@Test
	void theCaseFileShowsThePriorityItsDecisionGaveAndWhoWorksTheCase() {
		JsonNode file = caseFile("officer", this.urgent);
		assertThat(file.get("priority").asText()).isEqualTo("URGENT");
		assertThat(file.get("officer").asText()).as("the supervisor's approval does not make them its officer")
			.isEqualTo("officer");
		assertThat(caseFile("officer", this.oldest).get("priority").asText()).isEqualTo("NORMAL");
	}

	@Test
	void filtersNarrowByTypeStepPriorityAndReference() {
		assertThat(references(new WaitingSteps.Filter(CaseType.VOT, null, null, null))).containsExactly(this.oldest);
		assertThat(references(new WaitingSteps.Filter(null, "Activity_ProvideImmediateHelp", null, null)))
			.containsExactly(this.overdue);
		assertThat(references(new WaitingSteps.Filter(null, null, Priority.URGENT, null))).containsExactly(this.urgent);
		assertThat(
				references(new WaitingSteps.Filter(null, null, null, this.overdue.toLowerCase(java.util.Locale.ROOT))))
			.containsExactly(this.overdue);
		assertThat(references(new WaitingSteps.Filter(CaseType.AVRR, null, null, null))).isEmpty();
	}

	@Test
	void pagesCountEveryStepOfTheOffice() {
		WaitingSteps.Page first = unclaimed(WaitingSteps.Filter.NONE, 0, 2);
		WaitingSteps.Page second = unclaimed(WaitingSteps.Filter.NONE, 1, 2);
		assertThat(first.steps()).extracting(WaitingSteps.Step::caseReference)
			.containsExactly(this.urgent, this.overdue);
		assertThat(second.steps()).extracting(WaitingSteps.Step::caseReference).containsExactly(this.oldest);
		assertThat(first.pages()).isEqualTo(2);
		assertThat(first.hasNext()).isTrue();
		assertThat(second.hasNext()).isFalse();
		assertThat(unclaimed(WaitingSteps.Filter.NONE, 5, 2).total()).as("a page past the end still counts")
			.isEqualTo(3);
	}

	@Test
	void anotherOfficesCaseIsInNobodysInboxButItsOwnOffices() {
		List<String> api = new java.util.ArrayList<>();
		read(get("officer", "/api/v1/tasks").getBody()).forEach(task -> api.add(task.get("caseReference").asText()));
		assertThat(api).contains(this.oldest, this.overdue, this.urgent).doesNotContain(this.otherOffice);
		Staff everywhere = new Staff("officer", Set.of(Roles.CASE_OFFICER), List.of(OFFICE, OTHER_OFFICE));
		assertThat(this.steps.inbox(everywhere, WaitingSteps.Whose.UNCLAIMED, WaitingSteps.Filter.NONE, 0, 25).steps())
			.extracting(WaitingSteps.Step::caseReference)
			.contains(this.otherOffice);
	}

	@Test
	@WithMockUser(username = "supervisor", roles = "SUPERVISOR")
	void aSupervisorSeesTheApprovalsOfTheirLevelOnly() {
		Staff supervisor = new Staff("supervisor", Set.of(Roles.SUPERVISOR), List.of(OFFICE));
		assertThat(this.steps.inbox(supervisor, WaitingSteps.Whose.UNCLAIMED, WaitingSteps.Filter.NONE, 0, 25).steps())
			.as("no case of the office waits for an approval now")
			.isEmpty();
	}

	@Test
	void aClaimedStepMovesToMyStepsAndBack() {
		String task = taskId("officer", this.oldest, "Activity_ScreenCase");
		assertThat(post("officer", "/api/v1/tasks/" + task + ":claim", "").getStatusCode().value()).isEqualTo(200);
		try {
			assertThat(this.steps.inbox(this.officer, WaitingSteps.Whose.MINE, WaitingSteps.Filter.NONE, 0, 25).steps())
				.extracting(WaitingSteps.Step::taskId)
				.containsExactly(task);
			assertThat(references(WaitingSteps.Filter.NONE)).doesNotContain(this.oldest);
		}
		finally {
			this.steps.unclaim(task, this.officer);
		}
		assertThat(references(WaitingSteps.Filter.NONE)).contains(this.oldest);
	}

	private WaitingSteps.Page unclaimed(WaitingSteps.Filter filter, int page, int size) {
		return this.steps.inbox(this.officer, WaitingSteps.Whose.UNCLAIMED, filter, page, size);
	}

	private List<String> references(WaitingSteps.Filter filter) {
		return unclaimed(filter, 0, 25).steps().stream().map(WaitingSteps.Step::caseReference).toList();
	}

}
