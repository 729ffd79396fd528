package org.passage.cases;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.Period;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.passage.audit.AuditTrail;
import org.passage.cases.internal.CaseProcesses;
import org.passage.cases.internal.CaseRecords;
import org.passage.cases.internal.CaseSteps;
import org.passage.cases.internal.Cases;
import org.passage.cases.internal.Resealing;
import org.passage.decisions.DecisionService;
import org.passage.decisions.DecisionView;
import org.passage.funds.Funds;
import org.passage.rules.decision.Priority;
import org.passage.rules.decision.Programme;
import org.passage.security.Allowed;
import org.passage.security.Roles;
import org.passage.web.NotFoundException;
import org.passage.web.Problems;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The one writer of the case tables: opening cases, recording what each step did (facts,
 * consent, delivery, approval, notes), the decisions a case's process made, and closing.
 * Everything that changes a case goes through here, in the caller's transaction or its
 * own.
 */
@Service("passageCaseService") // Camunda registers its own "caseService" (CMMN)
public class CaseService {

	/** A referral that passed on no personal data, for want of consent. */
	public static final String REFERRAL_HELD = "REFERRAL_HELD";

	/** The audit trail's name for a run of resealing. */
	public static final String RESEALED = "PERSONAL_DATA_RESEALED";

	/** The audit trail's name for a case whose person's data retention erased. */
	public static final String ANONYMISED = "CASE_ANONYMISED";

	/** How many people retention erases in one transaction. */
	private static final int RETENTION_BATCH = 50;

	private final Cases cases;

	private final CaseRecords records;

	private final CaseProcesses processes;

	private final TaskService tasks;

	private final RuntimeService runtime;

	private final DecisionService decisions;

	private final Funds funds;

	private final CaseSteps steps;

	private final IdentityService identity;

	private final AuditTrail audit;

	private final Resealing resealing;

	private final TransactionTemplate transactions;

	private final Clock clock;

	CaseService(Cases cases, CaseRecords records, CaseProcesses processes, TaskService tasks, RuntimeService runtime,
			DecisionService decisions, Funds funds, CaseSteps steps, IdentityService identity, AuditTrail audit,
			Resealing resealing, TransactionTemplate transactions, Clock clock) {
		this.steps = steps;
		this.identity = identity;
		this.clock = clock;
		this.audit = audit;
		this.resealing = resealing;
		this.transactions = transactions;
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
	@PreAuthorize(Allowed.CASEWORK)
	public Case open(CaseType type, String office, Person person, Staff officer) {
		if (!officer.sees(office)) {
			throw Problems.forbidden("not-your-office", officer.user() + " does not work for office " + office);
		}
		String reference = this.cases.open(type, office, person, null, officer.user(), null);
		start(reference, type, officer.user());
		return find(reference).orElseThrow();
	}

	/**
	 * The open cases of {@code office} whose person has the same name and birth year as
	 * {@code person}: the officer is warned before registering someone twice. Each case
	 * found is a look at its person's data, and recorded as such.
	 */
	@Transactional
	@PreAuthorize(Allowed.CASEWORK)
	public List<String> openCasesOfSameName(String office, Person person, Staff officer) {
		if (!officer.sees(office)) {
			throw Problems.forbidden("not-your-office", officer.user() + " does not work for office " + office);
		}
		List<Cases.SameName> found = this.cases.openCasesOfSameName(office, person.givenName(), person.familyName(),
				person.birthYear());
		for (Cases.SameName same : found) {
			this.audit.record(
					AuditTrail.Event.of(officer.user(), AuditTrail.PERSON_SEARCHED, same.reference(), same.personId())
						.detail("same name and birth year"));
		}
		return found.stream().map(Cases.SameName::reference).toList();
	}

	/**
	 * Opens a case for the same person as another (a stranded migrant referred to a VoT
	 * case), once: asked again, it answers with the case already opened. The person's
	 * data goes to the new case only with their consent to data sharing in force on the
	 * first; without it the referral is held (the timeline says so) and nothing is
	 * opened: the person is registered anew, with their consent.
	 */
	@Transactional
	public Optional<Case> openLinked(String fromReference, CaseType type, String actor) {
		Optional<String> opened = this.cases.linkedFrom(fromReference);
		if (opened.isPresent()) {
			return find(opened.get());
		}
		Case from = find(fromReference).orElseThrow(() -> new IllegalStateException("No case " + fromReference));
		if (!from.sharesData()) {
			if (from.timeline().stream().noneMatch(entry -> REFERRAL_HELD.equals(entry.kind()))) {
				this.cases.event(fromReference, actor, REFERRAL_HELD, null,
						Map.of("to", type.name(), "why", "no consent to share the person's data (DATA_SHARING)"));
			}
			return Optional.empty();
		}
		String reference = this.cases.open(type, from.office(), null, from.personId(), actor, from.reference());
		start(reference, type, actor);
		this.cases.event(fromReference, actor, "LINKED_CASE_OPENED", null, Map.of("case", reference));
		return find(reference);
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
	@PreAuthorize(Allowed.CASEWORK)
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
	@PreAuthorize(Allowed.CASEWORK)
	public CaseView read(String reference, Staff reader) {
		Case file = visible(reference, reader);
		return view(file, this.cases.readPerson(file, reader.user(), "case file"), reader);
	}

	/** The case file with its person as read (unaudited: the caller records the read). */
	private CaseView view(Case file, Person person, Staff reader) {
		String reference = file.reference();
		List<CaseView.OpenTask> open = this.tasks.createTaskQuery()
			.processInstanceIdIn(this.processes.tree(file).toArray(String[]::new))
			.orderByTaskCreateTime()
			.asc()
			.list()
			.stream()
			.map(task -> new CaseView.OpenTask(task.getId(), task.getTaskDefinitionKey(), task.getName(),
					task.getAssignee(), task.getCreateTime().toInstant().atOffset(ZoneOffset.UTC)))
			.toList();
		// Only what the case's own process decided: an API caller naming this case adds
		// nothing here.
		List<DecisionView> made = decisionsOf(reference, reader);
		return new CaseView(file.reference(), file.type(), file.office(), file.status(), file.priority(),
				file.officer(), file.openedBy(), file.openedAt(), file.closedAt(), file.linkedCase(), person,
				file.facts().values(), file.consents(), made, this.funds.reservationsOf(reference),
				this.cases.assistance(reference), open, this.cases.notes(reference), file.timeline());
	}

	/**
	 * The decisions the case's process made, newest first, without the person: a step's
	 * page shows what it approves.
	 */
	@PreAuthorize(Allowed.CASEWORK)
	public List<DecisionView> decisionsOf(String reference, Staff reader) {
		visible(reference, reader);
		List<DecisionView> made = new java.util.ArrayList<>();
		for (CaseDecision decision : this.records.decisions(reference)) {
			made.add(0, this.decisions.get(decision.decisionId()));
		}
		return made;
	}

	@PreAuthorize(Allowed.CASEWORK)
	public List<CaseSummary> list(Staff reader, CaseStatus status, int page, int size) {
		return this.cases.list(reader.officeFilter(), status, page, size);
	}

	/**
	 * A page of the steps waiting in the reader's offices, assigned to them or unclaimed
	 * for their groups; see {@link WaitingSteps}. The tasks module checks who may take
	 * each.
	 */
	@Transactional(readOnly = true)
	@PreAuthorize(Allowed.CASEWORK)
	public WaitingSteps.Page waitingSteps(Staff reader, WaitingSteps.Whose whose, WaitingSteps.Filter filter, int page,
			int size) {
		return this.steps.page(reader.officeFilter(), reader.user(), List.copyOf(reader.roles()), whose, filter, page,
				size);
	}

	/** The steps the reader's offices' cases wait at, for an inbox's step filter. */
	@Transactional(readOnly = true)
	@PreAuthorize(Allowed.CASEWORK)
	public List<String> stepsWaiting(Staff reader) {
		return this.steps.stepsWaiting(reader.officeFilter());
	}

	/**
	 * A case officer took a step of the case (not an approval): they work the case now.
	 */
	@Transactional
	public void workedBy(Case file, String officer) {
		this.cases.workedBy(file.reference(), officer);
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
		// What the form recorded is the person's data: sealed (free texts included)
		Map<String, Object> personal = new LinkedHashMap<>();
		personal.put("values", step.values());
		this.cases.event(file.reference(), by, "COMPLETED", step.step(), detail, personal);
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

	/**
	 * A decision the case's process made, with the fund that pays for it; its priority
	 * becomes the case's.
	 */
	@Transactional
	public void recordDecision(Case file, CaseDecision decision, String decided, Priority priority) {
		this.records.decision(file.reference(), decision);
		this.cases.prioritise(file.reference(), priority);
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
	 * Whether someone completed a step with one of {@code forms} on the case after its
	 * decision {@code decisionId}: a person asked for the decision to be taken again.
	 */
	public boolean stepCompletedAfter(UUID decisionId, java.util.Set<String> forms) {
		return !forms.isEmpty() && this.records.completedAfter(decisionId, forms);
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
	@PreAuthorize(Allowed.CASEWORK)
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
	@PreAuthorize(Allowed.CASEWORK)
	public void withdrawConsent(String reference, Staff by) {
		if (visible(reference, by).closed()) {
			throw Problems.conflict("case-closed", reference + " is closed: there is no assistance to stop");
		}
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
	@PreAuthorize(Allowed.CASEWORK)
	public void revokeVoluntariness(String reference, Staff by) {
		Case file = visible(reference, by);
		if (file.type() == CaseType.AVRR && !file.closed() && !declarationSigned(file)) {
			throw Problems.conflict("declaration-not-signed",
					reference + " has no signed voluntariness declaration: there is nothing to revoke");
		}
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

	/**
	 * Whether the returnee's latest answer to the declaration step, as Passage recorded
	 * it, is a signature.
	 */
	private static boolean declarationSigned(Case file) {
		Object signed = null;
		for (Case.TimelineEntry entry : file.timeline()) {
			if ("COMPLETED".equals(entry.kind()) && entry.detail().get("values") instanceof Map<?, ?> values
					&& values.containsKey("declarationSigned")) {
				signed = values.get("declarationSigned");
			}
		}
		return Boolean.TRUE.equals(signed);
	}

	/**
	 * After a key rotation: seals again under the primary keys whatever older keys
	 * sealed, then records who had it done. Operators run it; nothing is shown to them.
	 */
	@PreAuthorize(Allowed.OPERATORS)
	public Resealed resealPersonalData(String operator) {
		Resealed done = this.resealing.resealAll();
		this.transactions.executeWithoutResult(status -> this.audit
			.record(AuditTrail.Event.of(operator, RESEALED, null, null).detail(done.toString())));
		return done;
	}

	/**
	 * Everything Passage holds about the person of a case, for them (subject access): the
	 * supervisors of the case's office may export it, giving the reason (the person's
	 * request); every case exported is recorded with that reason.
	 * @throws org.springframework.web.ErrorResponseException 409 when retention already
	 * erased the person's data
	 */
	@Transactional
	@PreAuthorize(Allowed.SUPERVISORS)
	public SubjectAccessExport exportForSubject(String reference, Staff supervisor, String reason) {
		if (!supervisor.roles().contains(Roles.SUPERVISOR)) {
			throw Problems.forbidden("not-a-supervisor",
					"Only a supervisor of the case's office exports a person's data for them");
		}
		Case file = visible(reference, supervisor);
		Person person = this.cases.person(file.personId());
		if (person == null) {
			throw Problems.conflict("person-erased",
					reference + ": the retention period has passed and the person's data is erased");
		}
		List<CaseView> views = new ArrayList<>();
		for (String other : this.cases.casesOf(file.personId())) {
			Case theirs = find(other).orElseThrow();
			if (supervisor.sees(theirs.office())) {
				this.audit.record(AuditTrail.Event
					.of(supervisor.user(), AuditTrail.SUBJECT_ACCESS_EXPORTED, other, file.personId())
					.because(reason));
				views.add(view(theirs, person, supervisor));
			}
		}
		return new SubjectAccessExport(OffsetDateTime.now(this.clock), supervisor.user(), reason, person, views);
	}

	/**
	 * Retention: erases the data of every person whose cases all closed longer ago than
	 * {@code keptFor} (people, notes, deliveries, form answers, facts, and the engine's
	 * history of their processes), in batches, each its own transaction. Cases stay as
	 * anonymous records, and their statistics count as before.
	 */
	@PreAuthorize(Allowed.OPERATORS)
	public Erased applyRetention(Period keptFor, String actor) {
		OffsetDateTime cutoff = OffsetDateTime.now(this.clock).minus(keptFor);
		long people = 0;
		long anonymised = 0;
		while (true) {
			long[] batch = this.transactions.execute(status -> {
				long cases = 0;
				List<UUID> due = this.cases.peopleToErase(cutoff, RETENTION_BATCH);
				for (UUID person : due) {
					for (String reference : this.cases.casesOf(person)) {
						Case file = find(reference).orElseThrow();
						this.processes.forgetHistory(file);
						this.cases.anonymise(reference);
						this.audit.record(AuditTrail.Event.of(actor, ANONYMISED, reference, person)
							.detail("closed " + file.closedAt().toLocalDate() + ", kept for " + keptFor));
						cases++;
					}
					this.cases.erase(person);
				}
				return new long[] { due.size(), cases };
			});
			people += batch[0];
			anonymised += batch[1];
			if (batch[0] < RETENTION_BATCH) {
				return new Erased(people, anonymised);
			}
		}
	}

	/**
	 * Sets the offices an account works for: a member of staff, or a calling system that
	 * may link decisions to their cases.
	 * @throws NotFoundException if there is no such account
	 */
	@Transactional
	@PreAuthorize(Allowed.OPERATORS)
	public void assignOffices(String user, List<String> offices) {
		account(user);
		this.cases.assignOffices(user, offices);
	}

	/**
	 * The offices an account works for.
	 * @throws NotFoundException if there is no such account
	 */
	@PreAuthorize(Allowed.OPERATORS)
	public List<String> officesOf(String user) {
		account(user);
		return this.cases.officesOf(user);
	}

	/**
	 * Takes an office from an account; nothing changes if it did not work for it.
	 * @throws NotFoundException if there is no such account
	 */
	@Transactional
	@PreAuthorize(Allowed.OPERATORS)
	public void removeOffice(String user, String office) {
		account(user);
		this.cases.removeOffice(user, office);
	}

	private void account(String user) {
		if (this.identity.createUserQuery().userId(user).count() == 0) {
			throw new NotFoundException("No account " + user);
		}
	}

	/**
	 * The signed-in user as staff: their roles (groups) and the offices they work for.
	 */
	public Staff staff(Authentication caller) {
		Set<String> roles = caller.getAuthorities()
			.stream()
			.map(GrantedAuthority::getAuthority)
			.filter(authority -> !authority.startsWith(Roles.OFFICE_AUTHORITY))
			.map(role -> role.replaceFirst("^ROLE_", ""))
			.collect(Collectors.toSet());
		// Offices assigned in Passage, and those an external identity provider names.
		Set<String> offices = new java.util.TreeSet<>(this.cases.officesOf(caller.getName()));
		caller.getAuthorities()
			.stream()
			.map(GrantedAuthority::getAuthority)
			.filter(authority -> authority.startsWith(Roles.OFFICE_AUTHORITY))
			.forEach(authority -> offices.add(authority.substring(Roles.OFFICE_AUTHORITY.length())));
		return new Staff(caller.getName(), roles, List.copyOf(offices));
	}

}
