package org.passage.cases;

import java.time.Duration;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.passage.decisions.DecisionService;
import org.passage.web.NotFoundException;
import org.passage.web.Problems;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Opens cases and starts their process, shows them to their office, takes notes and
 * withdrawals.
 */
@Service("passageCaseService") // Camunda registers its own "caseService" (CMMN)
public class CaseService {

	private final Cases cases;

	private final RuntimeService runtime;

	private final HistoryService history;

	private final TaskService tasks;

	private final DecisionService decisions;

	private final JdbcClient jdbc;

	private final Duration hasmDecisionDue;

	CaseService(Cases cases, RuntimeService runtime, HistoryService history, TaskService tasks,
			DecisionService decisions, JdbcClient jdbc,
			@Value("${passage.cases.hasm-decision-due:PT72H}") Duration hasmDecisionDue) {
		this.cases = cases;
		this.runtime = runtime;
		this.history = history;
		this.tasks = tasks;
		this.decisions = decisions;
		this.jdbc = jdbc;
		this.hasmDecisionDue = hasmDecisionDue;
	}

	/**
	 * Opens a case in one of the officer's offices and starts its process, in one
	 * transaction.
	 */
	@Transactional
	public CaseFile open(CaseType type, String office, Person person, Staff officer) {
		if (!officer.sees(office)) {
			throw Problems.forbidden("not-your-office", officer.user() + " does not work for office " + office);
		}
		CaseFile file = this.cases.open(type, office, person, officer.user(), null, null);
		start(file, officer.user());
		return file;
	}

	/**
	 * Opens a case for the same person as another (a stranded migrant referred to a VoT
	 * case).
	 */
	@Transactional
	public CaseFile openLinked(CaseFile from, CaseType type, String actor) {
		CaseFile file = this.cases.open(type, from.office(), null, actor, from.reference(), from.personId());
		start(file, actor);
		return file;
	}

	/** Starts the case's process under its reference; a case is never started twice. */
	void start(CaseFile file, String actor) {
		boolean started = this.runtime.createProcessInstanceQuery()
			.processInstanceBusinessKey(file.reference())
			.count() > 0
				|| this.history.createHistoricProcessInstanceQuery()
					.processInstanceBusinessKey(file.reference())
					.count() > 0;
		if (started) {
			throw Problems.conflict("case-already-started", file.reference() + " has already been started");
		}
		Map<String, Object> variables = new HashMap<>();
		variables.put("caseId", file.reference());
		if (file.type() == CaseType.STRANDED_MIGRANT) {
			variables.put("hasmDecisionDue", this.hasmDecisionDue.toString());
		}
		String instance = this.runtime.startProcessInstanceByKey(file.type().processKey(), file.reference(), variables)
			.getId();
		this.cases.linkProcess(file.reference(), instance);
		this.cases.event(file.reference(), actor, "OPENED", null, Map.of("type", file.type().name()));
	}

	/**
	 * The whole case, person included: the read of the person is audited in this
	 * transaction.
	 */
	@Transactional
	public CaseView read(String reference, Staff reader) {
		CaseFile file = visible(reference, reader);
		Person person = this.cases.readPerson(file, reader.user(), "case file");
		List<CaseView.OpenTask> open = this.tasks.createTaskQuery()
			.processInstanceBusinessKey(reference)
			.orderByTaskCreateTime()
			.asc()
			.list()
			.stream()
			.map(task -> new CaseView.OpenTask(task.getId(), task.getTaskDefinitionKey(), task.getName(),
					task.getAssignee(), task.getCreateTime().toInstant().atOffset(ZoneOffset.UTC)))
			.toList();
		return new CaseView(file.reference(), file.type(), file.office(), file.status(), file.openedBy(),
				file.openedAt(), file.closedAt(), file.linkedCase(), person, file.facts(),
				this.cases.consents(reference),
				this.decisions.list(reference, null, null, null, 0, DecisionService.MAX_PAGE), reservations(reference),
				this.cases.assistance(reference), open, this.cases.notes(reference), this.cases.timeline(reference));
	}

	public List<CaseView.Summary> list(Staff reader, String status, int page, int size) {
		return this.cases.list(reader.officeFilter(), status, page, size)
			.stream()
			.map(file -> new CaseView.Summary(file.reference(), file.type(), file.office(), file.status(),
					file.openedAt()))
			.toList();
	}

	@Transactional
	public void note(String reference, Staff author, String text) {
		visible(reference, author);
		this.cases.note(reference, author.user(), text);
		this.cases.event(reference, author.user(), "NOTE", null, Map.of());
	}

	/**
	 * Withdrawn consent stops assistance wherever the case is (the processes' event
	 * sub-process).
	 */
	@Transactional
	public void withdrawConsent(String reference, Staff by) {
		visible(reference, by);
		if (!this.cases.withdrawConsent(reference, by.user())) {
			throw Problems.conflict("no-consent-in-force", reference + " has no consent in force to withdraw");
		}
		this.cases.event(reference, by.user(), "CONSENT_WITHDRAWN", null, Map.of());
		this.runtime.createMessageCorrelation("ConsentWithdrawn").processInstanceBusinessKey(reference).correlateAll();
	}

	/**
	 * Revoking the voluntariness declaration ends an AVRR return, but only before
	 * departure.
	 */
	@Transactional
	public void revokeVoluntariness(String reference, Staff by) {
		CaseFile file = visible(reference, by);
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
	 * The case, if the reader's offices include its office; otherwise it does not exist
	 * for them.
	 */
	public CaseFile visible(String reference, Staff reader) {
		return this.cases.find(reference)
			.filter(file -> reader.sees(file.office()))
			.orElseThrow(() -> new NotFoundException("No case " + reference));
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

	private List<CaseView.Reservation> reservations(String reference) {
		return this.jdbc.sql("""
				select fund_id, amount, status, spent, reserved_at from app.fund_reservation
				 where case_reference = ? order by id""")
			.param(reference)
			.query((rs, row) -> new CaseView.Reservation(rs.getString("fund_id"), rs.getBigDecimal("amount"),
					rs.getString("status"), rs.getBigDecimal("spent"),
					rs.getObject("reserved_at", java.time.OffsetDateTime.class)))
			.list();
	}

}
