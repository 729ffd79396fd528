package org.passage.tasks;

import java.time.OffsetDateTime;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import org.passage.cases.CaseService;
import org.passage.cases.Staff;
import org.passage.cases.WaitingSteps;
import org.passage.security.Allowed;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;

/**
 * The inbox as other modules see it (the case officers' pages): the steps a person may
 * take, claimed and given back with the same checks as the task API (offices, groups,
 * four eyes). Errors are those of the task API: {@link org.passage.web.NotFoundException}
 * for a step that is not theirs, a 409 {@code ErrorResponseException} when someone else
 * has it or it is gone, a 403 one when four eyes forbid it.
 */
@Service
public class Steps {

	private final CaseTasks tasks;

	private final CaseService cases;

	Steps(CaseTasks tasks, CaseService cases) {
		this.tasks = tasks;
		this.cases = cases;
	}

	/** A step waiting for a person: no form, no personal data. */
	public record Step(String id, String step, String name, String caseReference, String caseType, String office,
			String assignee, List<String> candidateGroups, OffsetDateTime created) {

		public boolean claimedBy(String user) {
			return user.equals(this.assignee);
		}

	}

	/**
	 * A page of the steps assigned to the user, or of the unclaimed steps their groups
	 * may take in their offices: URGENT first, then overdue, then the longest waiting.
	 * Steps the model or the recorded decision does not let them take are left out.
	 */
	@PreAuthorize(Allowed.CASEWORK)
	public WaitingSteps.Page inbox(Staff staff, WaitingSteps.Whose whose, WaitingSteps.Filter filter, int page,
			int size) {
		WaitingSteps.Page found = this.cases.waitingSteps(staff, whose, filter, page, size);
		List<WaitingSteps.Step> takeable = this.tasks.takeable(staff, found.steps())
			.stream()
			.map(CaseTasks.Takeable::waiting)
			.toList();
		return new WaitingSteps.Page(takeable, found.total() - (found.steps().size() - takeable.size()), page, size);
	}

	/** The steps the user's offices' cases wait at, for the inbox's step filter. */
	@PreAuthorize(Allowed.CASEWORK)
	public List<String> stepsWaiting(Staff staff) {
		return this.cases.stepsWaiting(staff);
	}

	/**
	 * A step opened to be worked on: the step, the Camunda form it is bound to (form-js
	 * JSON, as deployed), and whether the reader prepared what it approves (four eyes:
	 * they may not complete it).
	 */
	public record OpenStep(Step step, String formId, JsonNode form, boolean preparedByReader) {
	}

	/** The step, if the reader may take it; else a 404 (or 409 when it is gone). */
	@PreAuthorize(Allowed.CASEWORK)
	public OpenStep open(String taskId, Staff staff) {
		CaseTasks.TaskView task = this.tasks.get(taskId, staff);
		boolean approval = "approval".equals(task.form());
		boolean prepared = approval && this.cases.find(task.caseReference())
			.map(file -> staff.user().equals(file.preparedBy()))
			.orElse(false);
		return new OpenStep(step(task), task.form(), task.formSchema(), prepared);
	}

	/**
	 * Completes the step with its form's values, as the task API does; a
	 * {@link FormRefused} names each field at fault.
	 */
	@PreAuthorize(Allowed.CASEWORK)
	public void complete(String taskId, Staff staff, JsonNode values) {
		this.tasks.complete(taskId, staff, values);
	}

	@PreAuthorize(Allowed.CASEWORK)
	public Step claim(String taskId, Staff staff) {
		return step(this.tasks.claim(taskId, staff));
	}

	@PreAuthorize(Allowed.CASEWORK)
	public Step unclaim(String taskId, Staff staff) {
		return step(this.tasks.unclaim(taskId, staff));
	}

	private static Step step(CaseTasks.TaskView task) {
		return new Step(task.id(), task.step(), task.name(), task.caseReference(), task.caseType(), task.office(),
				task.assignee(), task.candidateGroups(), task.created());
	}

}
