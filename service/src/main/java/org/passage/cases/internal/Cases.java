package org.passage.cases.internal;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import com.fasterxml.jackson.core.type.TypeReference;
import org.passage.cases.Case;
import org.passage.cases.CaseFacts;
import org.passage.cases.CaseStatus;
import org.passage.cases.CaseSummary;
import org.passage.cases.CaseType;
import org.passage.cases.CaseView;
import org.passage.cases.Person;
import org.passage.web.StoredJson;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The case tables of schema {@code app}: case files, people, consent, notes, assistance,
 * the timeline, step completions. Only {@code CaseService} writes through it.
 */
@Repository
public class Cases {

	private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() {
	};

	private final JdbcClient jdbc;

	private final StoredJson json;

	private final Clock clock;

	Cases(JdbcClient jdbc, StoredJson json, Clock clock) {
		this.jdbc = jdbc;
		this.json = json;
		this.clock = clock;
	}

	/**
	 * Stores the person (unless the case is about someone already known) and the case,
	 * under the next reference.
	 */
	public String open(CaseType type, String office, Person person, UUID samePerson, String openedBy,
			String linkedCase) {
		UUID personId = samePerson;
		if (personId == null) {
			personId = UUID.randomUUID();
			this.jdbc.sql("""
					insert into app.person (id, given_name, family_name, sex, birth_year, nationality)
					values (?, ?, ?, ?, ?, ?)""")
				.params(personId, person.givenName(), person.familyName(), person.sex().name(), person.birthYear(),
						person.nationality())
				.update();
		}
		int year = LocalDate.now(this.clock).getYear();
		int number = this.jdbc.sql("""
				insert into app.case_reference_counter (prefix, year, last) values (?, ?, 1)
				on conflict (prefix, year) do update set last = app.case_reference_counter.last + 1
				returning last""").params(type.prefix(), year).query(Integer.class).single();
		String reference = "%s-%d-%06d".formatted(type.prefix(), year, number);
		this.jdbc.sql("""
				insert into app.case_file (reference, type, office, status, person_id, opened_by, linked_case)
				values (?, ?, ?, 'OPEN', ?, ?, ?)""")
			.params(reference, type.name(), office, personId, openedBy, linkedCase)
			.update();
		return reference;
	}

	public Optional<Case> find(String reference) {
		return this.jdbc.sql("select * from app.case_file where reference = ?")
			.param(reference)
			.query(this::withoutHistory)
			.optional()
			.map(this::withHistory);
	}

	/**
	 * The case whose process (or sub-process) runs in the process instance tree with this
	 * root.
	 */
	public Optional<Case> findByProcess(String rootProcessInstanceId) {
		return this.jdbc.sql("select * from app.case_file where process_instance_id = ?")
			.param(rootProcessInstanceId)
			.query(this::withoutHistory)
			.optional()
			.map(this::withHistory);
	}

	/**
	 * The case opened for the same person from {@code reference} (a stranded migrant
	 * referred to a VoT case).
	 */
	public Optional<String> linkedFrom(String reference) {
		return this.jdbc.sql("select reference from app.case_file where linked_case = ?")
			.param(reference)
			.query(String.class)
			.optional();
	}

	public List<CaseSummary> summaries(Collection<String> references) {
		if (references.isEmpty()) {
			return List.of();
		}
		return this.jdbc.sql("select * from app.case_file where reference = any(?)")
			.param(references.toArray(String[]::new))
			.query(Cases::summary)
			.list();
	}

	/** Cases by the process instance they run in. */
	public Map<String, CaseSummary> summariesByProcess(Collection<String> processInstanceIds) {
		Map<String, CaseSummary> byProcess = new java.util.HashMap<>();
		if (processInstanceIds.isEmpty()) {
			return byProcess;
		}
		this.jdbc.sql("select * from app.case_file where process_instance_id = any(?)")
			.param(processInstanceIds.toArray(String[]::new))
			.query((rs, row) -> byProcess.put(rs.getString("process_instance_id"), summary(rs, row)))
			.list();
		return byProcess;
	}

	/** Cases of the given offices (all offices when null), newest first. */
	public List<CaseSummary> list(List<String> offices, CaseStatus status, int page, int size) {
		return this.jdbc.sql("""
				select * from app.case_file
				 where (cast(:offices as text[]) is null or office = any(:offices))
				   and (cast(:status as text) is null or status = :status)
				 order by opened_at desc, reference limit :size offset :offset""")
			.param("offices", offices == null ? null : offices.toArray(String[]::new))
			.param("status", status == null ? null : status.name())
			.param("size", size)
			.param("offset", (long) page * size)
			.query(Cases::summary)
			.list();
	}

	/**
	 * The person, and an audit row in the same transaction: no read without its record.
	 */
	public Person readPerson(Case file, String reader, String purpose) {
		this.jdbc.sql("insert into app.read_audit (reader, case_reference, person_id, purpose) values (?, ?, ?, ?)")
			.params(reader, file.reference(), file.personId(), purpose)
			.update();
		return this.jdbc.sql("select * from app.person where id = ?")
			.param(file.personId())
			.query((rs, row) -> new Person(rs.getString("given_name"), rs.getString("family_name"),
					Person.Sex.valueOf(rs.getString("sex")), (Integer) rs.getObject("birth_year"),
					rs.getString("nationality")))
			.single();
	}

	public void linkProcess(String reference, String processInstanceId) {
		this.jdbc.sql("update app.case_file set process_instance_id = ? where reference = ?")
			.params(processInstanceId, reference)
			.update();
	}

	public void saveFacts(String reference, CaseFacts facts) {
		this.jdbc.sql("update app.case_file set facts = ?::jsonb where reference = ?")
			.params(this.json.write(facts.values()), reference)
			.update();
	}

	public void preparedBy(String reference, String officer) {
		this.jdbc.sql("update app.case_file set prepared_by = ? where reference = ?")
			.params(officer, reference)
			.update();
	}

	/**
	 * Records that {@code user} completed a step through Passage; false when it was
	 * recorded already.
	 */
	public boolean stepCompleted(String taskId, String reference, String step, String form, String user) {
		return this.jdbc.sql("""
				insert into app.step_completion (task_id, case_reference, step, form, completed_by)
				values (?, ?, ?, ?, ?) on conflict do nothing""")
			.params(taskId, reference, step, form, user)
			.update() == 1;
	}

	/** Who completed a task through Passage, if anyone did. */
	public Optional<String> completedBy(String taskId) {
		return this.jdbc.sql("select completed_by from app.step_completion where task_id = ?")
			.param(taskId)
			.query(String.class)
			.optional();
	}

	public void event(String reference, String actor, String kind, String step, Map<String, ?> detail) {
		this.jdbc
			.sql("insert into app.case_event (case_reference, actor, kind, step, detail) values (?, ?, ?, ?, ?::jsonb)")
			.params(reference, actor, kind, step, this.json.write(detail))
			.update();
	}

	public void note(String reference, String author, String text) {
		this.jdbc.sql("insert into app.case_note (case_reference, author, text) values (?, ?, ?)")
			.params(reference, author, text)
			.update();
	}

	public List<CaseView.Note> notes(String reference) {
		return this.jdbc.sql("select * from app.case_note where case_reference = ? order by id")
			.param(reference)
			.query((rs, row) -> new CaseView.Note(rs.getString("author"), rs.getString("text"),
					rs.getObject("written_at", OffsetDateTime.class)))
			.list();
	}

	public void recordDelivery(String reference, String step, java.math.BigDecimal amount, String description,
			String deliveredBy) {
		this.jdbc.sql("""
				insert into app.assistance_item (case_reference, step, amount, description, delivered_by)
				values (?, ?, ?, ?, ?)""").params(reference, step, amount, description, deliveredBy).update();
	}

	public List<CaseView.AssistanceItem> assistance(String reference) {
		return this.jdbc.sql("select * from app.assistance_item where case_reference = ? order by id")
			.param(reference)
			.query((rs, row) -> new CaseView.AssistanceItem(rs.getString("step"), rs.getBigDecimal("amount"),
					rs.getString("description"), rs.getString("delivered_by"),
					rs.getObject("delivered_at", OffsetDateTime.class)))
			.list();
	}

	public void recordConsent(String reference, boolean given, String givenBy, List<String> scope, String recordedBy) {
		this.jdbc.sql("""
				insert into app.consent (case_reference, given, given_by, scope, recorded_by) values (?, ?, ?, ?, ?)""")
			.params(reference, given, givenBy, scope.toArray(String[]::new), recordedBy)
			.update();
	}

	/** Withdraws the consent in force; false when there is none to withdraw. */
	public boolean withdrawConsent(String reference, String by) {
		return this.jdbc.sql("""
				update app.consent set withdrawn_by = ?, withdrawn_at = now()
				 where case_reference = ? and given and withdrawn_at is null""").params(by, reference).update() > 0;
	}

	/** Other cases of the same person, by reference. */
	public List<String> otherCasesOf(Case file) {
		return this.jdbc.sql("select reference from app.case_file where person_id = ? and reference <> ?")
			.params(file.personId(), file.reference())
			.query(String.class)
			.list();
	}

	/**
	 * Ends a case: its status and an anonymised statistic of its outcome (no person, no
	 * reference).
	 */
	public void close(Case file, CaseStatus status, String outcome) {
		this.jdbc.sql("update app.case_file set status = ?, closed_at = now() where reference = ?")
			.params(status.name(), file.reference())
			.update();
		this.jdbc.sql("""
				insert into app.case_statistic (type, office, year, outcome, days_open)
				values (?, ?, ?, ?, greatest(0, extract(day from now() - ?)::int))""")
			.params(file.type().name(), file.office(), file.openedAt().getYear(), outcome, file.openedAt())
			.update();
	}

	/** The offices a member of staff works for. */
	public List<String> officesOf(String user) {
		return this.jdbc.sql("select office from app.staff_office where user_id = ? order by office")
			.param(user)
			.query(String.class)
			.list();
	}

	public void assignOffices(String user, List<String> offices) {
		this.jdbc.sql("delete from app.staff_office where user_id = ?").param(user).update();
		for (String office : offices) {
			this.jdbc.sql("insert into app.staff_office (user_id, office) values (?, ?)").params(user, office).update();
		}
	}

	private Case withoutHistory(ResultSet rs, int row) throws SQLException {
		return new Case(rs.getString("reference"), CaseType.valueOf(rs.getString("type")),
				CaseStatus.valueOf(rs.getString("status")), rs.getString("office"),
				rs.getObject("person_id", UUID.class), rs.getString("opened_by"), rs.getString("linked_case"),
				rs.getString("prepared_by"), rs.getString("process_instance_id"),
				new CaseFacts(this.json.read(rs.getString("facts"), MAP)), List.of(), List.of(),
				rs.getObject("opened_at", OffsetDateTime.class), rs.getObject("closed_at", OffsetDateTime.class));
	}

	private Case withHistory(Case file) {
		return new Case(file.reference(), file.type(), file.status(), file.office(), file.personId(), file.openedBy(),
				file.linkedCase(), file.preparedBy(), file.processInstanceId(), file.facts(),
				consents(file.reference()), timeline(file.reference()), file.openedAt(), file.closedAt());
	}

	private List<Case.ConsentRecord> consents(String reference) {
		return this.jdbc.sql("select * from app.consent where case_reference = ? order by id")
			.param(reference)
			.query((rs, row) -> new Case.ConsentRecord(rs.getBoolean("given"), rs.getString("given_by"),
					List.of((String[]) rs.getArray("scope").getArray()), rs.getString("recorded_by"),
					rs.getObject("recorded_at", OffsetDateTime.class), rs.getString("withdrawn_by"),
					rs.getObject("withdrawn_at", OffsetDateTime.class)))
			.list();
	}

	private List<Case.TimelineEntry> timeline(String reference) {
		return this.jdbc.sql("select * from app.case_event where case_reference = ? order by id")
			.param(reference)
			.query((rs, row) -> new Case.TimelineEntry(rs.getObject("at", OffsetDateTime.class), rs.getString("actor"),
					rs.getString("kind"), rs.getString("step"), this.json.read(rs.getString("detail"), MAP)))
			.list();
	}

	private static CaseSummary summary(ResultSet rs, int row) throws SQLException {
		return new CaseSummary(rs.getString("reference"), CaseType.valueOf(rs.getString("type")),
				rs.getString("office"), CaseStatus.valueOf(rs.getString("status")),
				rs.getObject("opened_at", OffsetDateTime.class));
	}

}
