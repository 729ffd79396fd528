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
import org.passage.audit.AuditTrail;
import org.passage.cases.Person;
import org.passage.encryption.PersonalData;
import org.passage.rules.decision.Priority;
import org.passage.web.StoredJson;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The case tables of schema {@code app}: case files, people, consent, notes, assistance,
 * the timeline, step completions. Only {@code CaseService} writes through it. Personal
 * data is sealed here on the way in and opened on the way out: the person's fields,
 * notes, what was delivered, and what step forms recorded ({@link PersonalData}).
 */
@Repository
public class Cases {

	private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() {
	};

	static final PersonalData.Column GIVEN_NAME = new PersonalData.Column("app.person", "given_name");

	static final PersonalData.Column FAMILY_NAME = new PersonalData.Column("app.person", "family_name");

	static final PersonalData.Column SEX = new PersonalData.Column("app.person", "sex");

	static final PersonalData.Column BIRTH_YEAR = new PersonalData.Column("app.person", "birth_year");

	static final PersonalData.Column NATIONALITY = new PersonalData.Column("app.person", "nationality");

	static final PersonalData.Column NOTE = new PersonalData.Column("app.case_note", "text");

	static final PersonalData.Column DELIVERY = new PersonalData.Column("app.assistance_item", "description");

	static final PersonalData.Column EVENT = new PersonalData.Column("app.case_event", "sealed");

	/** An open case whose person has the name and birth year looked for. */
	public record SameName(String reference, UUID personId) {
	}

	private final JdbcClient jdbc;

	private final StoredJson json;

	private final Clock clock;

	private final AuditTrail audit;

	private final PersonalData sealed;

	Cases(JdbcClient jdbc, StoredJson json, Clock clock, AuditTrail audit, PersonalData sealed) {
		this.jdbc = jdbc;
		this.json = json;
		this.clock = clock;
		this.audit = audit;
		this.sealed = sealed;
	}

	/**
	 * Open cases of an office whose person has this name (letter case, accents and spaces
	 * aside) and birth year: perhaps the same person, registered twice. Found by the
	 * blind index, under every key of its keyset.
	 */
	public List<SameName> openCasesOfSameName(String office, String givenName, String familyName, Integer birthYear) {
		return this.jdbc.sql("""
				select c.reference, c.person_id from app.case_file c join app.person p on p.id = c.person_id
				where c.office = ? and c.status = 'OPEN' and p.name_index = any(?)
				order by c.reference""")
			.params(office, this.sealed.nameIndexes(givenName, familyName, birthYear).toArray(String[]::new))
			.query((rs, row) -> new SameName(rs.getString(1), rs.getObject(2, UUID.class)))
			.list();
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
					insert into app.person (id, given_name_sealed, family_name_sealed, sex_sealed, birth_year_sealed,
					                        nationality_sealed, name_index)
					values (?, ?, ?, ?, ?, ?, ?)""")
				.params(personId, seal(person.givenName(), GIVEN_NAME, personId),
						seal(person.familyName(), FAMILY_NAME, personId), seal(person.sex().name(), SEX, personId),
						seal(person.birthYear() == null ? null : person.birthYear().toString(), BIRTH_YEAR, personId),
						seal(person.nationality(), NATIONALITY, personId),
						this.sealed.nameIndex(person.givenName(), person.familyName(), person.birthYear()))
				.update();
		}
		int year = LocalDate.now(this.clock).getYear();
		int number = this.jdbc.sql("""
				insert into app.case_reference_counter (prefix, year, last) values (?, ?, 1)
				on conflict (prefix, year) do update set last = app.case_reference_counter.last + 1
				returning last""").params(type.prefix(), year).query(Integer.class).single();
		String reference = "%s-%d-%06d".formatted(type.prefix(), year, number);
		this.jdbc.sql("""
				insert into app.case_file (reference, type, office, status, person_id, opened_by, assigned_officer,
				                           linked_case)
				values (?, ?, ?, 'OPEN', ?, ?, ?, ?)""")
			.params(reference, type.name(), office, personId, openedBy, openedBy, linkedCase)
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
		this.audit.record(
				AuditTrail.Event.of(reader, AuditTrail.PERSON_READ, file.reference(), file.personId()).detail(purpose));
		return person(file.personId());
	}

	/** The person, opened; null once erased. Unaudited: callers record the read. */
	public Person person(UUID id) {
		return this.jdbc.sql("select * from app.person where id = ?").param(id).query((rs, row) -> {
			if (rs.getObject("erased_at") != null) {
				return null;
			}
			String birthYear = open(rs.getBytes("birth_year_sealed"), BIRTH_YEAR, id);
			return new Person(open(rs.getBytes("given_name_sealed"), GIVEN_NAME, id),
					open(rs.getBytes("family_name_sealed"), FAMILY_NAME, id),
					Person.Sex.valueOf(open(rs.getBytes("sex_sealed"), SEX, id)),
					birthYear == null ? null : Integer.valueOf(birthYear),
					open(rs.getBytes("nationality_sealed"), NATIONALITY, id));
		}).optional().orElse(null);
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

	/**
	 * An entry of the case's timeline, which is also a change the audit trail records
	 * (the step, never the detail).
	 */
	public void event(String reference, String actor, String kind, String step, Map<String, ?> detail) {
		event(reference, actor, kind, step, detail, Map.of());
	}

	/**
	 * An entry of the timeline whose {@code personal} detail (what a form recorded) is
	 * sealed; the timeline shows both as one detail.
	 */
	public void event(String reference, String actor, String kind, String step, Map<String, ?> detail,
			Map<String, ?> personal) {
		long id = nextId("app.case_event");
		this.jdbc.sql("""
				insert into app.case_event (id, case_reference, actor, kind, step, detail, sealed)
				values (?, ?, ?, ?, ?, ?::jsonb, ?)""")
			.params(id, reference, actor, kind, step, this.json.write(detail),
					personal.isEmpty() ? null : seal(this.json.write(personal), EVENT, id))
			.update();
		UUID person = this.jdbc.sql("select person_id from app.case_file where reference = ?")
			.param(reference)
			.query(UUID.class)
			.single();
		this.audit.record(AuditTrail.Event.of(actor, kind, reference, person).detail(step));
	}

	public void note(String reference, String author, String text) {
		long id = nextId("app.case_note");
		this.jdbc.sql("insert into app.case_note (id, case_reference, author, text_sealed) values (?, ?, ?, ?)")
			.params(id, reference, author, seal(text, NOTE, id))
			.update();
	}

	public List<CaseView.Note> notes(String reference) {
		return this.jdbc.sql("select * from app.case_note where case_reference = ? order by id")
			.param(reference)
			.query((rs, row) -> new CaseView.Note(rs.getString("author"),
					open(rs.getBytes("text_sealed"), NOTE, rs.getLong("id")),
					rs.getObject("written_at", OffsetDateTime.class)))
			.list();
	}

	public void recordDelivery(String reference, String step, java.math.BigDecimal amount, String description,
			String deliveredBy) {
		long id = nextId("app.assistance_item");
		this.jdbc.sql("""
				insert into app.assistance_item (id, case_reference, step, amount, description_sealed, delivered_by)
				values (?, ?, ?, ?, ?, ?)""")
			.params(id, reference, step, amount, seal(description, DELIVERY, id), deliveredBy)
			.update();
	}

	public List<CaseView.AssistanceItem> assistance(String reference) {
		return this.jdbc.sql("select * from app.assistance_item where case_reference = ? order by id")
			.param(reference)
			.query((rs, row) -> new CaseView.AssistanceItem(rs.getString("step"), rs.getBigDecimal("amount"),
					open(rs.getBytes("description_sealed"), DELIVERY, rs.getLong("id")), rs.getString("delivered_by"),
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

	/**
	 * People whose every case closed before {@code cutoff} and whose data is not erased
	 * yet, locked until this transaction ends: another node running retention skips them.
	 */
	public List<UUID> peopleToErase(OffsetDateTime cutoff, int limit) {
		return this.jdbc.sql("""
				select p.id from app.person p
				 where p.erased_at is null
				   and exists (select 1 from app.case_file c where c.person_id = p.id)
				   and not exists (select 1 from app.case_file c
				                    where c.person_id = p.id and (c.closed_at is null or c.closed_at >= ?))
				 order by p.id limit ? for update of p skip locked""").params(cutoff, limit).query(UUID.class).list();
	}

	/** Every case of a person, by reference. */
	public List<String> casesOf(UUID person) {
		return this.jdbc.sql("select reference from app.case_file where person_id = ? order by reference")
			.param(person)
			.query(String.class)
			.list();
	}

	/**
	 * Erases what a case holds of its person: notes, what was delivered and what forms
	 * recorded (their sealed parts), and the facts its forms gave the decisions. The
	 * case's reference, type, office, dates, status, consent record and decisions stay,
	 * as do its statistics.
	 */
	public void anonymise(String reference) {
		this.jdbc.sql("update app.case_note set text_sealed = null where case_reference = ?").param(reference).update();
		this.jdbc.sql("update app.assistance_item set description_sealed = null where case_reference = ?")
			.param(reference)
			.update();
		this.jdbc.sql("update app.case_event set sealed = null where case_reference = ? and sealed is not null")
			.param(reference)
			.update();
		this.jdbc.sql("update app.case_file set facts = '{}', anonymised_at = now() where reference = ?")
			.param(reference)
			.update();
	}

	/** Erases the person's data; the row stays, for the cases that point at it. */
	public void erase(UUID person) {
		this.jdbc.sql("""
				update app.person set given_name_sealed = null, family_name_sealed = null, sex_sealed = null,
				       birth_year_sealed = null, nationality_sealed = null, name_index = null, erased_at = now()
				 where id = ?""").param(person).update();
	}

	/** The offices a member of staff works for. */
	/** The priority the case's latest decision gave it. */
	public void prioritise(String reference, Priority priority) {
		this.jdbc.sql("update app.case_file set priority = ? where reference = ?")
			.params(priority.name(), reference)
			.update();
	}

	/** The case officer now working the case. */
	public void workedBy(String reference, String officer) {
		this.jdbc.sql("update app.case_file set assigned_officer = ? where reference = ? and assigned_officer <> ?")
			.params(officer, reference, officer)
			.update();
	}

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

	public void removeOffice(String user, String office) {
		this.jdbc.sql("delete from app.staff_office where user_id = ? and office = ?").params(user, office).update();
	}

	private Case withoutHistory(ResultSet rs, int row) throws SQLException {
		return new Case(rs.getString("reference"), CaseType.valueOf(rs.getString("type")),
				CaseStatus.valueOf(rs.getString("status")), rs.getString("office"),
				rs.getObject("person_id", UUID.class), rs.getString("opened_by"), rs.getString("linked_case"),
				rs.getString("prepared_by"), rs.getString("process_instance_id"),
				new CaseFacts(this.json.read(rs.getString("facts"), MAP)), List.of(), List.of(),
				rs.getObject("opened_at", OffsetDateTime.class), rs.getObject("closed_at", OffsetDateTime.class),
				rs.getString("assigned_officer"), Priority.valueOf(rs.getString("priority")));
	}

	private Case withHistory(Case file) {
		return new Case(file.reference(), file.type(), file.status(), file.office(), file.personId(), file.openedBy(),
				file.linkedCase(), file.preparedBy(), file.processInstanceId(), file.facts(),
				consents(file.reference()), timeline(file.reference()), file.openedAt(), file.closedAt(),
				file.officer(), file.priority());
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
			.query((rs, row) -> {
				Map<String, Object> detail = new java.util.LinkedHashMap<>(this.json.read(rs.getString("detail"), MAP));
				String personal = open(rs.getBytes("sealed"), EVENT, rs.getLong("id"));
				if (personal != null) {
					detail.putAll(this.json.read(personal, MAP));
				}
				return new Case.TimelineEntry(rs.getObject("at", OffsetDateTime.class), rs.getString("actor"),
						rs.getString("kind"), rs.getString("step"), detail);
			})
			.list();
	}

	/**
	 * Seals again, under the primary keys, up to {@code limit} people sealed or indexed
	 * under older keys; returns how many.
	 */
	public int resealPeople(int limit) {
		List<UUID> stale = this.jdbc.sql("""
				select id from app.person
				 where erased_at is null
				   and (substring(given_name_sealed from 1 for 5) <> :prefix
				        or substring(family_name_sealed from 1 for 5) <> :prefix
				        or substring(sex_sealed from 1 for 5) <> :prefix
				        or substring(birth_year_sealed from 1 for 5) <> :prefix
				        or substring(nationality_sealed from 1 for 5) <> :prefix
				        or name_index not like :index)
				 limit :limit""")
			.param("prefix", this.sealed.primaryPrefix())
			.param("index", this.sealed.nameIndexPrefix() + "%")
			.param("limit", limit)
			.query(UUID.class)
			.list();
		for (UUID id : stale) {
			Person person = person(id);
			this.jdbc.sql("""
					update app.person set given_name_sealed = ?, family_name_sealed = ?, sex_sealed = ?,
					       birth_year_sealed = ?, nationality_sealed = ?, name_index = ? where id = ?""")
				.params(seal(person.givenName(), GIVEN_NAME, id), seal(person.familyName(), FAMILY_NAME, id),
						seal(person.sex().name(), SEX, id),
						seal(person.birthYear() == null ? null : person.birthYear().toString(), BIRTH_YEAR, id),
						seal(person.nationality(), NATIONALITY, id),
						this.sealed.nameIndex(person.givenName(), person.familyName(), person.birthYear()), id)
				.update();
		}
		return stale.size();
	}

	/**
	 * Seals again, under the primary key, up to {@code limit} notes, deliveries or
	 * timeline entries (by {@code column}) sealed under older keys; returns how many.
	 */
	public int resealTexts(PersonalData.Column column, int limit) {
		String table = column.table();
		String sealedColumn = column == EVENT ? "sealed" : column.column() + "_sealed";
		List<Map<String, Object>> stale = this.jdbc
			.sql("select id, " + sealedColumn + " as sealed from " + table + " where " + sealedColumn
					+ " is not null and substring(" + sealedColumn + " from 1 for 5) <> ? limit ?")
			.params(this.sealed.primaryPrefix(), limit)
			.query()
			.listOfRows();
		for (Map<String, Object> row : stale) {
			long id = ((Number) row.get("id")).longValue();
			String plaintext = open((byte[]) row.get("sealed"), column, id);
			this.jdbc.sql("update " + table + " set " + sealedColumn + " = ? where id = ?")
				.params(seal(plaintext, column, id), id)
				.update();
		}
		return stale.size();
	}

	/**
	 * The id the next row of {@code table} gets: sealed data is bound to its row's id.
	 */
	private long nextId(String table) {
		return this.jdbc.sql("select nextval(pg_get_serial_sequence(?, 'id'))").param(table).query(Long.class).single();
	}

	private byte[] seal(String plaintext, PersonalData.Column column, Object rowId) {
		return this.sealed.seal(plaintext, column, rowId);
	}

	private String open(byte[] ciphertext, PersonalData.Column column, Object rowId) {
		return this.sealed.open(ciphertext, column, rowId);
	}

	private static CaseSummary summary(ResultSet rs, int row) throws SQLException {
		return new CaseSummary(rs.getString("reference"), CaseType.valueOf(rs.getString("type")),
				rs.getString("office"), CaseStatus.valueOf(rs.getString("status")),
				rs.getObject("opened_at", OffsetDateTime.class));
	}

}
