package org.passage.tasks;

import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.passage.cases.CaseService;
import org.passage.cases.Staff;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** The inbox: list, open, claim and complete the steps of cases. */
@RestController
@RequestMapping("/api/v1/tasks")
@Tag(name = "Tasks", description = "The steps of cases waiting for a person")
class TaskController {

	private final CaseTasks tasks;

	private final CaseService cases;

	TaskController(CaseTasks tasks, CaseService cases) {
		this.tasks = tasks;
		this.cases = cases;
	}

	@GetMapping
	@Operation(operationId = "listTasks",
			summary = "Your inbox: steps for your groups or assigned to you, in your offices")
	List<CaseTasks.TaskView> inbox(Authentication caller) {
		return this.tasks.inbox(staff(caller));
	}

	@GetMapping("/{id}")
	@Operation(operationId = "getTask", summary = "One step, with the form to fill in")
	CaseTasks.TaskView get(@PathVariable String id, Authentication caller) {
		return this.tasks.get(id, staff(caller));
	}

	@PostMapping("/{id}:claim")
	@Operation(operationId = "claimTask",
			summary = "Claim a step; 409 when someone else has it, 403 when four eyes forbid it")
	CaseTasks.TaskView claim(@PathVariable String id, Authentication caller) {
		return this.tasks.claim(id, staff(caller));
	}

	@PostMapping("/{id}:complete")
	@Operation(operationId = "completeTask",
			summary = "Complete a step with its form's data (checked against the form); 409 if it changed")
	ResponseEntity<Void> complete(@PathVariable String id, @RequestBody JsonNode data, Authentication caller) {
		this.tasks.complete(id, staff(caller), data);
		return ResponseEntity.noContent().build();
	}

	private Staff staff(Authentication caller) {
		return this.cases.staff(caller);
	}

}
