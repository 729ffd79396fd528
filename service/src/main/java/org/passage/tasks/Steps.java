package org.passage.tasks;

import java.time.OffsetDateTime;
import java.util.List;

import org.passage.cases.Staff;
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

	Steps(CaseTasks tasks) {
		this.tasks = tasks;
	}

	/** A step waiting for a person: no form, no personal data. */
	public record Step(String id, String step, String name, String caseReference, String caseType, String office,
			String assignee, List<String> candidateGroups, OffsetDateTime created) {

		public boolean claimedBy(String user) {
			return user.equals(this.assignee);
		}

	}

	/**
	 * The user's steps and the unclaimed steps of their groups in their offices, oldest
	 * first.
	 */
	public List<Step> inbox(Staff staff) {
		return this.tasks.inbox(staff).stream().map(Steps::step).toList();
	}

	public Step claim(String taskId, Staff staff) {
		return step(this.tasks.claim(taskId, staff));
	}

	public Step unclaim(String taskId, Staff staff) {
		return step(this.tasks.unclaim(taskId, staff));
	}

	private static Step step(CaseTasks.TaskView task) {
		return new Step(task.id(), task.step(), task.name(), task.caseReference(), task.caseType(), task.office(),
				task.assignee(), task.candidateGroups(), task.created());
	}

}
