package org.passage.tasks;

import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Supplier;
import java.util.stream.Collectors;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.OptimisticLockingException;
import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskAlreadyClaimedException;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.exception.NullValueException;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.passage.cases.Case;
import org.passage.cases.CaseDecision;
import org.passage.cases.CaseService;
import org.passage.cases.CaseType;
import org.passage.cases.CompletedStep;
import org.passage.cases.FourEyesViolation;
import org.passage.cases.ProcessVariables;
import org.passage.cases.Staff;
import org.passage.cases.WaitingSteps;
import org.passage.eligibility.Eligibility;
import org.passage.eligibility.FactContract;
import org.passage.rules.decision.Programme;
import org.passage.security.Allowed;
import org.passage.web.NotFoundException;
import org.passage.web.Problems;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The steps waiting for people, scoped to the offices they work for and to the groups the
 * model (or, for an approval, the recorded decision) names. Completing a step is one
 * transaction: the form's data is checked, the case records the step (facts, consent,
 * delivery, approval), and only the fields the process routes on become process
 * variables.
 */
@Service
class CaseTasks {

	private static final int INBOX_LIMIT = 200;

	private static final String CONSENT = "consent";

	private static final String DELIVERY = "delivery";

	private static final String APPROVAL = "approval";

	/** A form's answer that the person consents to their data going with a referral. */
	private static final String DATA_SHARING_CONSENT = "dataSharingConsent";

	private final TaskService tasks;

	private final RuntimeService runtime;

	private final HistoryService history;

	private final CaseService cases;

	private final Eligibility eligibility;

	private final StepGroups groups;

	private final FormSchemas forms;

	private final ObjectMapper json;

	CaseTasks(TaskService tasks, RuntimeService runtime, HistoryService history, CaseService cases,
			Eligibility eligibility, StepGroups groups, FormSchemas forms, ObjectMapper json) {
		this.tasks = tasks;
		this.runtime = runtime;
		this.history = history;
		this.cases = cases;
		this.eligibility = eligibility;
		this.groups = groups;
		this.forms = forms;
		this.json = json;
	}

	/** A step in an inbox or opened to be worked on. */
	record TaskView(String id, String step, String name, String caseReference, String caseType, String office,
			String assignee, List<String> candidateGroups, OffsetDateTime created, String form, JsonNode formSchema) {
	}

	/**
	 * Steps the user may take (assigned to them, then their groups' unclaimed ones), of
	 * their offices' cases, URGENT first.
	 */
	@PreAuthorize(Allowed.CASEWORK)
	public List<TaskView> inbox(Staff staff) {
		List<WaitingSteps.Step> waiting = new ArrayList<>();
		for (WaitingSteps.Whose whose : WaitingSteps.Whose.values()) {
			waiting.addAll(this.cases.waitingSteps(staff, whose, WaitingSteps.Filter.NONE, 0, INBOX_LIMIT).steps());
		}
		return takeable(staff, waiting).stream()
			.map(step -> view(step.task(), step.waiting().caseReference(), step.waiting().caseType(),
					step.waiting().office(), step.groups(), false))
			.toList();
	}

	/**
	 * A waiting step the user may take, with its task and the groups that may take it.
	 */
	record Takeable(WaitingSteps.Step waiting, Task task, List<String> groups) {
	}

	/**
	 * Those of {@code waiting} the user may take, in the same order: the groups come from
	 * the model or the recorded decision, never from the engine's candidate groups.
	 */
	List<Takeable> takeable(Staff staff, List<WaitingSteps.Step> waiting) {
		if (waiting.isEmpty()) {
			return List.of();
		}
		Map<String, Task> open = this.tasks.createTaskQuery()
			.taskIdIn(waiting.stream().map(WaitingSteps.Step::taskId).toArray(String[]::new))
			.initializeFormKeys()
			.list()
			.stream()
			.collect(Collectors.toMap(Task::getId, task -> task));
		List<Takeable> takeable = new ArrayList<>();
		for (WaitingSteps.Step step : waiting) {
			Task task = open.get(step.taskId());
			if (task == null) {
				continue; // completed a moment ago
			}
			List<String> allowed = this.groups.of(task, () -> this.cases.find(step.caseReference()).orElseThrow());
			if (mayTake(staff, task, allowed)) {
				takeable.add(new Takeable(step, task, allowed));
			}
		}
		return takeable;
	}

	@PreAuthorize(Allowed.CASEWORK)
	public TaskView get(String taskId, Staff staff) {
		return whileUnchanged(() -> view(step(taskId, staff), true));
	}

	@Transactional
	@PreAuthorize(Allowed.CASEWORK)
	public TaskView claim(String taskId, Staff staff) {
		return whileUnchanged(() -> {
			Step step = step(taskId, staff);
			claimFor(step.task(), staff);
			this.cases.event(step.file(), staff.user(), "CLAIMED", step.task().getTaskDefinitionKey(), Map.of());
			if (!approves(step.task())) {
				this.cases.workedBy(step.file(), staff.user());
			}
			return view(new Step(find(taskId), step.file(), step.groups()), false);
		});
	}

	/**
	 * Gives a claimed step back to its groups: only the one who holds it may.
	 */
	@Transactional
	@PreAuthorize(Allowed.CASEWORK)
	public TaskView unclaim(String taskId, Staff staff) {
		return whileUnchanged(() -> {
			Step step = step(taskId, staff);
			String assignee = step.task().getAssignee();
			if (assignee == null) {
				throw Problems.conflict("task-not-claimed", "This step is not claimed");
			}
			if (!assignee.equals(staff.user())) {
				throw Problems.conflict("task-claimed", "This step is claimed by " + assignee);
			}
			this.tasks.setAssignee(taskId, null);
			this.cases.event(step.file(), staff.user(), "UNCLAIMED", step.task().getTaskDefinitionKey(), Map.of());
			return view(new Step(find(taskId), step.file(), step.groups()), false);
		});
	}

	/** Completes a step with its form's data; see the class comment. */
	@Transactional
	@PreAuthorize(Allowed.CASEWORK)
	public void complete(String taskId, Staff staff, JsonNode data) {
		whileUnchanged(() -> {
			completeNow(taskId, staff, data);
			return null;
		});
	}

	private void completeNow(String taskId, Staff staff, JsonNode data) {
		Step step = step(taskId, staff);
		Task task = step.task();
		Case file = step.file();
		FormSchema form = this.forms.ofTask(taskId);
		FormSchema.Checked checked = form.check(data);
		List<FieldProblem> problems = new ArrayList<>(checked.problems());
		ObjectNode values = checked.values();
		if (APPROVAL.equals(form.id()) && problems.isEmpty() && !values.path("approved").asBoolean()
				&& values.path("comment").asText("").isBlank()) {
			// a rejection sends the case back: whoever prepared it must read why
			problems.add(new FieldProblem("comment", "commentWhenRejecting", List.of(), List.of()));
		}
		if (!problems.isEmpty()) {
			throw new FormRefused("The " + form.id() + " form is not filled in as it asks.", problems);
		}
		Map<String, Object> facts = new LinkedHashMap<>();
		Set<String> decisionInputs = FactContract.allFormFacts();
		values.fields().forEachRemaining(field -> {
			if (decisionInputs.contains(field.getKey())) {
				facts.put(field.getKey(), this.json.convertValue(field.getValue(), Object.class));
			}
		});
		this.eligibility.checkDecidable(form.id(), file, facts);
		if (DELIVERY.equals(form.id())) {
			checkDelivery(file, this.groups.programmeOf(task, file), values);
		}
		claimFor(task, staff);
		this.cases.recordStep(file, recorded(form.id(), task, file, values, facts), staff.user());
		this.tasks.complete(taskId, routing(form, checked.processVariables()));
	}

	/**
	 * The form's routing fields, which alone reach the engine; a form that marks any
	 * other field as a process variable (a redeployed form, say) is refused rather than
	 * let it into history.
	 */
	private static Map<String, Object> routing(FormSchema form, Map<String, Object> variables) {
		for (String name : variables.keySet()) {
			if (!ProcessVariables.allowed(name)) {
				throw new IllegalStateException("Form " + form.id() + " sends " + name
						+ " to the engine, which is not on the process variables' allow-list (ADR 0006)");
			}
		}
		return variables;
	}

	/**
	 * What the case records of this step, by what its form means: a consent, a delivery,
	 * an approval.
	 */
	private CompletedStep recorded(String form, Task task, Case file, ObjectNode values, Map<String, Object> facts) {
		CompletedStep.ConsentGiven consent = null;
		if (CONSENT.equals(form)) {
			List<String> scope = new ArrayList<>();
			values.path("scope").forEach(item -> scope.add(item.asText()));
			consent = new CompletedStep.ConsentGiven(values.path("consentGiven").asBoolean(),
					values.path("givenBy").asText(), scope);
		}
		else if (values.path(DATA_SHARING_CONSENT).asBoolean(false)) {
			// a screening that may refer the person asks whether their data may go with
			// them
			consent = new CompletedStep.ConsentGiven(true, "SELF", List.of("DATA_SHARING", "REFERRAL"));
		}
		CompletedStep.Delivered delivery = DELIVERY.equals(form) ? new CompletedStep.Delivered(
				values.get("deliveredAmount").decimalValue(), values.path("summary").asText(null)) : null;
		CompletedStep.Approved approval = null;
		if (APPROVAL.equals(form)) {
			UUID decision = this.groups.approvesDecision(task)
					? this.cases.currentDecision(file.reference(), this.groups.programmeOf(task, file))
						.map(CaseDecision::decisionId)
						.orElseThrow(() -> new IllegalStateException(file.reference() + " has no decision to approve"))
					: null;
			approval = new CompletedStep.Approved(values.path("approved").asBoolean(), decision);
		}
		String comment = values.hasNonNull("comment") ? values.get("comment").asText() : null;
		@SuppressWarnings("unchecked")
		Map<String, Object> all = this.json.convertValue(values, Map.class);
		return new CompletedStep(task.getId(), task.getTaskDefinitionKey(), task.getName(), form, all, facts, consent,
				delivery, approval, comment);
	}

	/**
	 * Spending more than was reserved would fail at commitment: refuse it here, naming
	 * the field.
	 */
	private void checkDelivery(Case file, Programme programme, ObjectNode values) {
		BigDecimal reserved = this.eligibility.reservedFor(file, programme);
		if (values.get("deliveredAmount").decimalValue().compareTo(reserved) > 0) {
			throw new FormRefused("More than was reserved for this case.", List.of(new FieldProblem("deliveredAmount",
					"reserved", List.of(reserved.toPlainString()), List.of("0.." + reserved.toPlainString()))));
		}
	}

	/**
	 * Runs a step's change; when another request completed or changed the step in the
	 * meantime (Camunda's optimistic lock, or the task gone), answers 409 and the
	 * transaction rolls back.
	 */
	private static <T> T whileUnchanged(Supplier<T> change) {
		try {
			return change.get();
		}
		catch (OptimisticLockingException | NullValueException ex) {
			throw Problems.conflict("task-changed", "Someone else completed or changed this step first");
		}
		catch (FourEyesViolation violation) {
			throw Problems.forbidden("four-eyes", violation.getMessage());
		}
		catch (ProcessEngineException ex) {
			throw translated(ex);
		}
		catch (org.springframework.dao.DuplicateKeyException ex) {
			throw Problems.conflict("task-completed", "This step has already been completed");
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

	/**
	 * Whether {@code staff} may take the step: they hold one of the groups that may, and
	 * nobody else has claimed it. Being the assignee is not enough: the engine API can
	 * set any assignee.
	 */
	private static boolean mayTake(Staff staff, Task task, List<String> allowed) {
		boolean unclaimedOrMine = task.getAssignee() == null || task.getAssignee().equals(staff.user());
		return unclaimedOrMine && allowed.stream().anyMatch(staff.roles()::contains);
	}

	/**
	 * Whether the step is an approval (its taker approves, they do not work the case).
	 */
	private static boolean approves(Task task) {
		return task.getCamundaFormRef() != null && APPROVAL.equals(task.getCamundaFormRef().getKey());
	}

	/** A step someone may act on: its task, its case, and the groups that may take it. */
	private record Step(Task task, Case file, List<String> groups) {
	}

	/** The step, if the user may see its case and is one of those who may take it. */
	private Step step(String taskId, Staff staff) {
		Task task = find(taskId);
		ProcessInstance instance = this.runtime.createProcessInstanceQuery()
			.processInstanceId(task.getProcessInstanceId())
			.singleResult();
		if (instance == null) {
			throw gone(taskId); // the step, and with it the process, has just ended
		}
		Case file = this.cases.visibleOfProcess(instance.getRootProcessInstanceId(), staff);
		List<String> allowed = this.groups.of(task, file);
		if (!mayTake(staff, task, allowed)) {
			if (this.tasks.createTaskQuery().taskId(taskId).count() == 0) {
				throw gone(taskId); // completed by someone else a moment ago
			}
			throw new NotFoundException("No open step " + taskId + " for you");
		}
		return new Step(task, file, allowed);
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

	private TaskView view(Step step, boolean withForm) {
		Case file = step.file();
		return view(step.task(), file.reference(), file.type(), file.office(), step.groups(), withForm);
	}

	private TaskView view(Task task, String reference, CaseType type, String office, List<String> groups,
			boolean withForm) {
		String form = task.getCamundaFormRef() == null ? null : task.getCamundaFormRef().getKey();
		return new TaskView(task.getId(), task.getTaskDefinitionKey(), task.getName(), reference, type.name(), office,
				task.getAssignee(), groups, task.getCreateTime().toInstant().atOffset(ZoneOffset.UTC), form,
				withForm && form != null ? this.forms.ofTask(task.getId()).schema() : null);
	}

}
