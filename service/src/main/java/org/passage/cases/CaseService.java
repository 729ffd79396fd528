package org.passage.cases;

import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.passage.cases.internal.CaseProcesses;
import org.passage.cases.internal.CaseRecords;
import org.passage.cases.internal.Cases;
import org.passage.decisions.DecisionService;
import org.passage.decisions.DecisionView;
import org.passage.funds.Funds;
import org.passage.rules.decision.Programme;
import org.passage.web.NotFoundException;
import org.passage.web.Problems;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The one writer of the case tables: opening cases, recording what each step did (facts,
 * consent, delivery, approval, notes), the decisions a case's process made, and closing.
 * Everything that changes a case goes through here, in the caller's transaction or its
 * own.
 */
@Service("passageCaseService") // Camunda registers its own "caseService" (CMMN)
public class CaseService {

	private final Cases cases;

	private final CaseRecords records;

	private final CaseProcesses processes;

	private final TaskService tasks;

	private final RuntimeService runtime;

	private final DecisionService decisions;

	private final Funds funds;

	CaseService(Cases cases, CaseRecords records, CaseProcesses processes, TaskService tasks, RuntimeService runtime,
			DecisionService decisions, Funds funds) {
		this.cases = cases;
		this.records = records;
		this.processes = processes;
		this.tasks = tasks;
		this.runtime = runtime;
		this.decisions = decisions;
		this.funds = funds;
	}

	/**
	 * Opens a case in one of the officer's offices and starts its process, in one
	 * transaction.
	 */
	@Transactional
	public Case open(CaseType type, String office, Person person, Staff officer) {
		if (!officer.sees(office)) {
			throw Problems.forbidden("not-your-office", officer.user() + " does not work for office " + office);
		}
		String reference = this.cases.open(type, office, person, null, officer.user(), null);
		start(reference, type, officer.user());
		return find(reference).orElseThrow();
	}

	/**
	 * Opens a case for the same person as another (a stranded migrant referred to a VoT
	 * case), once: asked again, it answers with the case already opened.
	 */
	@Transactional
	public Case openLinked(String fromReference, CaseType type, String actor) {
		Optional<String> opened = this.cases.linkedFrom(fromReference);
		if (opened.isPresent()) {
			return find(opened.get()).orElseThrow();
		}
		Case from = find(fromReference).orElseThrow(() -> new IllegalStateException("No case " + fromReference));
		String reference = this.cases.open(type, from.office(), null, from.personId(), actor, from.reference());
		start(reference, type, actor);
		this.cases.event(fromReference, actor, "LINKED_CASE_OPENED", null, Map.of("case", reference));
		return find(reference).orElseThrow();
	}

	private void start(String reference, CaseType type, String actor) {
		String instance = this.processes.start(reference, type);
		this.cases.linkProcess(reference, instance);
		this.cases.event(reference, actor, "OPENED", null, Map.of("type", type.name()));
	}

	public Optional<Case> find(String reference) {
		return this.cases.find(reference);
	}

	/**
	 * The case a process instance works on: found by the root of its process tree, never
	 * by a variable.
	 */
	public Case ofProcess(String rootProcessInstanceId) {
		return this.cases.findByProcess(rootProcessInstanceId)
			.orElseThrow(() -> new IllegalStateException("No case runs in process " + rootProcessInstanceId));
	}

	/**
	 * The case a process tree works on, if the reader's offices include its office;
	 * otherwise 404.
	 */
	public Case visibleOfProcess(String rootProcessInstanceId, Staff reader) {
		return this.cases.findByProcess(rootProcessInstanceId)
			.filter(file -> reader.sees(file.office()))
			.orElseThrow(() -> new NotFoundException("No case for this step"));
	}

	/**
	 * Cases by the root process instance they run in, for an inbox: no personal data, one
	 * query.
	 */
	public Map<String, CaseSummary> summariesByProcess(Set<String> rootProcessInstanceIds) {
		return this.cases.summariesByProcess(rootProcessInstanceIds);
	}

	/**
	 * The case, if the reader's offices include its office; otherwise it does not exist
	 * for them.
	 */
	public Case visible(String reference, Staff reader) {
		return this.cases.find(reference)
			.filter(file -> reader.sees(file.office()))
			.orElseThrow(() -> new NotFoundException("No case " + reference));
	}

	/** Cases by reference, for an inbox: no personal data, one query. */
	public Map<String, CaseSummary> summaries(Set<String> references) {
		return this.cases.summaries(references)
			.stream()
			.collect(Collectors.toMap(CaseSummary::reference, summary -> summary));
	}

	/**
	 * The whole case, person included: the read of the person is audited in this
	 * transaction.
	 */
	@Transactional
	public CaseView read(String reference, Staff reader) {
		Case file = visible(reference, reader);
		Person person = this.cases.readPerson(file, reader.user(), "case file");
		List<CaseView.OpenTask> open = this.tasks.createTaskQuery()
			.processInstanceIdIn(this.processes.tree(file).toArray(String[]::new))
			.orderByTaskCreateTime()
			.asc()
			.list()
			.stream()
			.map(task -> new CaseView.OpenTask(task.getId(), task.getTaskDefinitionKey(), task.getName(),
					task.getAssignee(), task.getCreateTime().toInstant().atOffset(ZoneOffset.UTC)))
			.toList();
		List<DecisionView> made = new java.util.ArrayList<>();
		// Only what the case's own process decided: an API caller naming this case adds
		// nothing here.
		for (CaseDecision decision : this.records.decisions(reference)) {
			made.add(0, this.decisions.get(decision.decisionId())); // newest first
		}
		return new CaseView(file.reference(), file.type(), file.office(), file.status(), file.openedBy(),
				file.openedAt(), file.closedAt(), file.linkedCase(), person, file.facts().values(), file.consents(),
				made, this.funds.reservationsOf(reference), this.cases.assistance(reference), open,
				this.cases.notes(reference), file.timeline());
	}

	public List<CaseSummary> list(Staff reader, CaseStatus status, int page, int size) {
		return this.cases.list(reader.officeFilter(), status, page, size);
	}

	/**
	 * Records a step completed through Passage, in the completing transaction: the
	 * completion itself (the engine refuses a completion that has none), the facts, and
	 * whatever the form means besides.
	 */
	@Transactional
	public void recordStep(Case file, CompletedStep step, String by) {
		if (!this.cases.stepCompleted(step.taskId(), file.reference(), step.step(), step.form(), by)) {
			throw Problems.conflict("task-completed", "This step has already been completed");
		}
		if (!step.facts().isEmpty()) {
			this.cases.saveFacts(file.reference(), file.facts().with(step.facts()));
		}
		if (step.consent() != null) {
			this.cases.recordConsent(file.reference(), step.consent().given(), step.consent().givenBy(),
					step.consent().scope(), by);
		}
		if (step.delivery() != null) {
			this.cases.recordDelivery(file.reference(), step.step(), step.delivery().amount(),
					step.delivery().summary(), by);
		}
		if (step.approval() != null) {
			if (file.preparedBy() == null) {
				throw new FourEyesViolation("Nobody is recorded as having prepared this case: it cannot be approved");
			}
			if (by.equals(file.preparedBy())) {
				throw new FourEyesViolation(by + " prepared this case and may not approve it");
			}
			this.records.approval(new Approval(step.taskId(), step.step(), step.approval().decisionId(), by,
					file.preparedBy(), step.approval().approved()), file.reference());
		}
		if (step.comment() != null) {
			this.cases.note(file.reference(), by, step.stepName() + ": " + step.comment());
		}
		Map<String, Object> detail = new LinkedHashMap<>();
		detail.put("form", step.form());
		detail.put("values", step.values());
		this.cases.event(file.reference(), by, "COMPLETED", step.step(), detail);
	}

	/**
	 * Who completed a task through Passage; empty when nobody did (the engine was asked
	 * directly).
	 */
	public Optional<String> completedBy(String taskId) {
		return this.cases.completedBy(taskId);
	}

	/**
	 * The officer who completed a preparing step prepares what is approved next (four
	 * eyes).
	 */
	@Transactional
	public void preparedBy(Case file, String officer) {
		this.cases.preparedBy(file.reference(), officer);
	}

	/** A decision the case's process made, with the fund that pays for it. */
	@Transactional
	public void recordDecision(Case file, CaseDecision decision, String decided) {
		this.records.decision(file.reference(), decision);
		this.cases.event(file.reference(), "process", "DECIDED", decision.step(), Map.of("programme",
				decision.programme().name(), "decisionId", decision.decisionId().toString(), "decision", decided));
	}

	/** The latest decision of a programme that the case's process made. */
	public Optional<CaseDecision> currentDecision(String reference, Programme programme) {
		List<CaseDecision> made = this.records.decisions(reference)
			.stream()
			.filter(decision -> decision.programme() == programme)
			.toList();
		return made.isEmpty() ? Optional.empty() : Optional.of(made.get(made.size() - 1));
	}

	/**
	 * The programme a step of the case works for: the reintegration package inside the
	 * shared {@code reintegration} sub-process, the case type's own programme elsewhere.
	 */
	public static Programme programmeAt(Case file, String processDefinitionKey) {
		return REINTEGRATION_PROCESS.equals(processDefinitionKey) ? Programme.REINTEGRATION : file.type().programme();
	}

	/** The key of the shared sub-process every case type calls for a return. */
	public static final String REINTEGRATION_PROCESS = "reintegration";

	/**
	 * The latest approval of a decision (an approval step rejected, then approved, has
	 * two).
	 */
	public Optional<Approval> approvalOf(UUID decisionId) {
		return this.records.approvalOf(decisionId);
	}

	/**
	 * What the case's latest delivery step recorded as spent (zero before any delivery).
	 */
	public java.math.BigDecimal lastDelivered(String reference) {
		List<CaseView.AssistanceItem> delivered = this.cases.assistance(reference);
		return delivered.isEmpty() ? java.math.BigDecimal.ZERO : delivered.get(delivered.size() - 1).amount();
	}

	/** Other cases of the same person. */
	public List<String> otherCasesOf(Case file) {
		return this.cases.otherCasesOf(file);
	}

	@Transactional
	public void event(Case file, String actor, String kind, String step, Map<String, ?> detail) {
		this.cases.event(file.reference(), actor, kind, step, detail);
	}

	/** Ends a case once: a case already closed (a step run again) is left as it is. */
	@Transactional
	public void close(Case file, CaseStatus status, String outcome, String step, String kind, Map<String, ?> detail) {
		Case now = find(file.reference()).orElseThrow();
		if (now.closed()) {
			return;
		}
		this.cases.close(now, status, outcome);
		this.cases.event(file.reference(), "process", kind, step, detail);
	}

	@Transactional
	public void note(String reference, Staff author, String text) {
		visible(reference, author);
		this.cases.note(reference, author.user(), text);
		this.cases.event(reference, author.user(), "NOTE", null, Map.of());
	}

	/**
	 * Withdrawn consent stops assistance wherever the case is (each process's event
	 * sub-process).
	 */
	@Transactional
	public void withdrawConsent(String reference, Staff by) {
		visible(reference, by);
		if (!this.cases.withdrawConsent(reference, by.user())) {
			throw Problems.conflict("no-consent-in-force", reference + " has no consent in force to withdraw");
		}
		this.cases.event(reference, by.user(), "CONSENT_WITHDRAWN", null, Map.of());
		// In this transaction, not after it: a withdrawal is recorded only if assistance
		// stops with it.
		this.processes.stopAssisting(visible(reference, by));
	}

	/**
	 * Revoking the voluntariness declaration ends an AVRR return, but only before
	 * departure.
	 */
	@Transactional
	public void revokeVoluntariness(String reference, Staff by) {
		Case file = visible(reference, by);
		boolean revoked = file.type() == CaseType.AVRR && !this.runtime.createMessageCorrelation("VoluntarinessRevoked")
			.processInstanceBusinessKey(reference)
			.correlateAllWithResult()
			.isEmpty();
		if (!revoked) {
			throw Problems.conflict("not-before-departure",
					reference + " is not an AVRR case waiting to depart: there is no return to revoke");
		}
		this.cases.event(reference, by.user(), "VOLUNTARINESS_REVOKED", null, Map.of());
	}

	@Transactional
	public void assignOffices(String user, List<String> offices) {
		this.cases.assignOffices(user, offices);
	}

	/**
	 * The signed-in user as staff: their roles (groups) and the offices they work for.
	 */
	public Staff staff(Authentication caller) {
		Set<String> roles = caller.getAuthorities()
			.stream()
			.map(GrantedAuthority::getAuthority)
			.map(role -> role.replaceFirst("^ROLE_", ""))
			.collect(Collectors.toSet());
		return new Staff(caller.getName(), roles, this.cases.officesOf(caller.getName()));
	}

}
