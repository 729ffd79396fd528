package org.passage.tasks;

import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.OptimisticLockingException;
import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskAlreadyClaimedException;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.exception.NullValueException;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.IdentityLink;
import org.camunda.bpm.engine.task.IdentityLinkType;
import org.camunda.bpm.engine.task.Task;
import org.passage.cases.CaseFile;
import org.passage.cases.CaseService;
import org.passage.cases.Cases;
import org.passage.cases.FourEyesViolation;
import org.passage.cases.Staff;
import org.passage.decisions.DecisionService;
import org.passage.funds.Funds;
import org.passage.rules.decision.Programme;
import org.passage.rules.facts.FieldError;
import org.passage.web.InvalidRequestException;
import org.passage.web.NotFoundException;
import org.passage.web.Problems;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** The steps waiting for people, scoped to the offices they work for. */
@Service
class CaseTasks {

	/**
	 * What the forms record that decisions and the ledger read later: merged into the
	 * case's facts.
	 */
	private static final Set<String> FACTS = facts();

	private static final int INBOX_LIMIT = 200;

	private static final String CONSENT = "consent";

	private static final String DELIVERY = "delivery";

	private final TaskService tasks;

	private final RuntimeService runtime;

	private final HistoryService history;

	private final CaseService caseService;

	private final Cases cases;

	private final Funds funds;

	private final FormSchemas forms;

	CaseTasks(TaskService tasks, RuntimeService runtime, HistoryService history, CaseService caseService, Cases cases,
			Funds funds, FormSchemas forms) {
		this.tasks = tasks;
		this.runtime = runtime;
		this.history = history;
		this.caseService = caseService;
		this.cases = cases;
		this.funds = funds;
		this.forms = forms;
	}

	/** A step in an inbox or opened to be worked on. */
	record TaskView(String id, String step, String name, String caseReference, String caseType, String office,
			String assignee, List<String> candidateGroups, OffsetDateTime created, String form, JsonNode formSchema) {
	}

	/**
	 * Steps the user may take (their groups' or assigned to them), of their offices'
	 * cases, oldest first.
	 */
	List<TaskView> inbox(Staff staff) {
		List<Task> waiting = this.tasks.createTaskQuery()
			.or()
			.taskCandidateGroupIn(new ArrayList<>(staff.roles()))
			.taskAssignee(staff.user())
			.endOr()
			.initializeFormKeys()
			.orderByTaskCreateTime()
			.asc()
			.listPage(0, INBOX_LIMIT);
		Set<String> instances = waiting.stream().map(Task::getProcessInstanceId).collect(Collectors.toSet());
		Map<String, String> references = instances.isEmpty() ? Map.of()
				: this.runtime.createProcessInstanceQuery()
					.processInstanceIds(instances)
					.list()
					.stream()
					.collect(Collectors.toMap(ProcessInstance::getId, ProcessInstance::getBusinessKey));
		Map<String, CaseFile> files = new java.util.HashMap<>();
		List<TaskView> inbox = new ArrayList<>();
		for (Task task : waiting) {
			String reference = references.get(task.getProcessInstanceId());
			CaseFile file = reference == null ? null
					: files.computeIfAbsent(reference, ref -> this.cases.find(ref).orElse(null));
			if (file != null && staff.sees(file.office())) {
				inbox.add(view(new Step(task, file, candidateGroups(task)), false));
			}
		}
		return inbox;
	}

	TaskView get(String taskId, Staff staff) {
		return whileUnchanged(() -> view(step(taskId, staff), true));
	}

	@Transactional
	TaskView claim(String taskId, Staff staff) {
		return whileUnchanged(() -> claimNow(taskId, staff));
	}

	private TaskView claimNow(String taskId, Staff staff) {
		Step step = step(taskId, staff);
		claimFor(step.task(), staff);
		this.cases.event(step.file().reference(), staff.user(), "CLAIMED", step.task().getTaskDefinitionKey(),
				Map.of());
		return view(new Step(find(taskId), step.file(), step.groups()), false);
	}

	/**
	 * Completes a step with its form's data, in one transaction with the case's record of
	 * it: the data is checked against the form, the decision inputs go to the case's
	 * facts, the consent step records consent, and only the fields the process routes on
	 * become process variables.
	 */
	@Transactional
	void complete(String taskId, Staff staff, JsonNode data) {
		whileUnchanged(() -> {
			completeNow(taskId, staff, data);
			return null;
		});
	}

	private void completeNow(String taskId, Staff staff, JsonNode data) {
		Step step = step(taskId, staff);
		Task task = step.task();
		CaseFile file = step.file();
		FormSchema form = this.forms.ofTask(taskId);
		FormSchema.Checked checked = form.check(data);
		if (!checked.errors().isEmpty()) {
			throw new InvalidRequestException("The " + form.id() + " form is not filled in as it asks.",
					checked.errors());
		}
		ObjectNode values = checked.values();
		if (DELIVERY.equals(form.id())) {
			checkDelivery(task, file, values);
		}
		claimFor(task, staff);
		ObjectNode facts = values.objectNode();
		values.fields().forEachRemaining(field -> {
			if (FACTS.contains(field.getKey())) {
				facts.set(field.getKey(), field.getValue());
			}
		});
		this.cases.mergeFacts(file.reference(), facts);
		recordOnTheCase(form.id(), task, file, values, staff);
		this.cases.event(file.reference(), staff.user(), "COMPLETED", task.getTaskDefinitionKey(),
				Map.of("form", form.id(), "values", values));
		this.tasks.complete(taskId, checked.processVariables());
	}

	/**
	 * What some forms record on the case besides facts: the consent form a consent
	 * record, the delivery form the assistance delivered, and any comment (an approver's
	 * reason) a note.
	 */
	private void recordOnTheCase(String form, Task task, CaseFile file, ObjectNode values, Staff staff) {
		if (CONSENT.equals(form)) {
			List<String> scope = new ArrayList<>();
			values.path("scope").forEach(item -> scope.add(item.asText()));
			this.cases.recordConsent(file.reference(), values.path("consentGiven").asBoolean(),
					values.path("givenBy").asText(), scope, staff.user());
		}
		if (DELIVERY.equals(form)) {
			this.cases.recordDelivery(file.reference(), task.getTaskDefinitionKey(),
					values.get("deliveredAmount").decimalValue(), values.path("summary").asText(null), staff.user());
		}
		if (values.has("comment")) {
			this.cases.note(file.reference(), staff.user(), task.getName() + ": " + values.get("comment").asText());
		}
	}

	/**
	 * Runs a step's change; when another request completed or changed the step in the
	 * meantime (Camunda's optimistic lock, or the task gone), answers 409 and the
	 * transaction rolls back.
	 */
	private static <T> T whileUnchanged(java.util.function.Supplier<T> change) {
		try {
			return change.get();
		}
		catch (OptimisticLockingException | NullValueException ex) {
			throw Problems.conflict("task-changed", "Someone else completed or changed this step first");
		}
		catch (ProcessEngineException ex) {
			throw translated(ex);
		}
	}

	/**
	 * Spending more than was reserved would fail at commitment: refuse it here, naming
	 * the field.
	 */
	private void checkDelivery(Task task, CaseFile file, ObjectNode values) {
		Object fundId = this.runtime.getVariable(task.getExecutionId(), "fundId");
		BigDecimal reserved = fundId == null ? BigDecimal.ZERO
				: this.funds.reservedFor(file.reference(), (String) fundId);
		if (values.get("deliveredAmount").decimalValue().compareTo(reserved) > 0) {
			throw new InvalidRequestException("More than was reserved for this case.",
					List.of(new FieldError("deliveredAmount",
							"must be at most " + reserved.toPlainString() + ", the amount reserved",
							List.of("0.." + reserved.toPlainString()))));
		}
	}

	private void claimFor(Task task, Staff staff) {
		if (task.getAssignee() != null) {
			if (!task.getAssignee().equals(staff.user())) {
				throw Problems.conflict("task-claimed", "This step is claimed by " + task.getAssignee());
			}
			return;
		}
		this.tasks.claim(task.getId(), staff.user());
	}

	private static RuntimeException translated(ProcessEngineException ex) {
		for (Throwable cause = ex; cause != null; cause = cause.getCause()) {
			if (cause instanceof FourEyesViolation violation) {
				return Problems.forbidden("four-eyes", violation.getMessage());
			}
			if (cause instanceof OptimisticLockingException) {
				return Problems.conflict("task-changed", "Someone else completed or changed this step first");
			}
		}
		if (ex instanceof TaskAlreadyClaimedException) {
			return Problems.conflict("task-claimed", ex.getMessage());
		}
		return ex;
	}

	/** A step someone may act on: its task, its case, and the groups it waits for. */
	private record Step(Task task, CaseFile file, List<String> groups) {
	}

	/** The step, if the user may see its case and is one of those it waits for. */
	private Step step(String taskId, Staff staff) {
		Task task = find(taskId);
		ProcessInstance instance = this.runtime.createProcessInstanceQuery()
			.processInstanceId(task.getProcessInstanceId())
			.singleResult();
		if (instance == null) {
			throw gone(taskId); // the step, and with it the process, has just ended
		}
		CaseFile file = this.caseService.visible(instance.getBusinessKey(), staff);
		List<String> groups = candidateGroups(task);
		if (!staff.user().equals(task.getAssignee()) && groups.stream().noneMatch(staff.roles()::contains)) {
			// No groups left means the task has just been completed by someone else.
			throw groups.isEmpty() ? gone(taskId) : new NotFoundException("No open step " + taskId + " for you");
		}
		return new Step(task, file, groups);
	}

	private Task find(String taskId) {
		Task task = this.tasks.createTaskQuery().taskId(taskId).initializeFormKeys().singleResult();
		if (task == null) {
			throw gone(taskId);
		}
		return task;
	}

	/**
	 * A step that is not open: 409 when it was completed (perhaps a moment ago), else
	 * 404.
	 */
	private RuntimeException gone(String taskId) {
		if (this.history.createHistoricTaskInstanceQuery().taskId(taskId).finished().count() > 0) {
			return Problems.conflict("task-completed", "This step has already been completed");
		}
		return new NotFoundException("No open step " + taskId);
	}

	private List<String> candidateGroups(Task task) {
		return this.tasks.getIdentityLinksForTask(task.getId())
			.stream()
			.filter(link -> IdentityLinkType.CANDIDATE.equals(link.getType()) && link.getGroupId() != null)
			.map(IdentityLink::getGroupId)
			.toList();
	}

	private TaskView view(Step step, boolean withForm) {
		Task task = step.task();
		CaseFile file = step.file();
		String form = task.getCamundaFormRef() == null ? null : task.getCamundaFormRef().getKey();
		return new TaskView(task.getId(), task.getTaskDefinitionKey(), task.getName(), file.reference(),
				file.type().name(), file.office(), task.getAssignee(), step.groups(),
				task.getCreateTime().toInstant().atOffset(ZoneOffset.UTC), form,
				withForm && form != null ? this.forms.ofTask(task.getId()).schema() : null);
	}

	private static Set<String> facts() {
		Set<String> names = new HashSet<>();
		for (Programme programme : Programme.values()) {
			names.addAll(DecisionService.inputNames(programme));
		}
		names.add("deliveredAmount");
		return Set.copyOf(names);
	}

}
