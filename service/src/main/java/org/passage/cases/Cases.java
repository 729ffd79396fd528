package org.passage.cases;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Cases, people, consent, notes and the timeline in schema {@code app}. */
@Repository
public class Cases {

	/**
	 * A consent record: given or refused, by whom, for what, and whether it was
	 * withdrawn.
	 */
	public record Consent(boolean given, String givenBy, List<String> scope, String recordedBy,
			OffsetDateTime recordedAt, String withdrawnBy, OffsetDateTime withdrawnAt) {
	}

	/** One entry of a case's timeline. */
	public record Event(OffsetDateTime at, String actor, String kind, String step, Map<String, Object> detail) {
	}

	public record Note(String author, String text, OffsetDateTime writtenAt) {
	}

	/** Assistance delivered: what it cost, what it was, who delivered it and when. */
	public record AssistanceItem(String step, java.math.BigDecimal amount, String description, String deliveredBy,
			OffsetDateTime deliveredAt) {
	}

	private final JdbcClient jdbc;

	private final ObjectMapper json;

	private final Clock clock;

	Cases(JdbcClient jdbc, ObjectMapper json, Clock clock) {
		this.jdbc = jdbc;
		this.json = json;
		this.clock = clock;
	}

	/**
	 * Stores the person and opens the case under the next reference of its type and year.
	 */
	CaseFile open(CaseType type, String office, Person person, String openedBy, String linkedCase, UUID samePerson) {
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
		return find(reference).orElseThrow();
	}

	public Optional<CaseFile> find(String reference) {
		return this.jdbc.sql("select * from app.case_file where reference = ?")
			.param(reference)
			.query(this::caseFile)
			.optional();
	}

	/** Cases of the given offices (all offices when null), newest first. */
	List<CaseFile> list(List<String> offices, String status, int page, int size) {
		return this.jdbc.sql("""
				select * from app.case_file
				 where (cast(:offices as text[]) is null or office = any(:offices))
				   and (cast(:status as text) is null or status = :status)
				 order by opened_at desc, reference limit :size offset :offset""")
			.param("offices", offices == null ? null : offices.toArray(String[]::new))
			.param("status", status)
			.param("size", size)
			.param("offset", (long) page * size)
			.query(this::caseFile)
			.list();
	}

	/**
	 * The person, and an audit row in the same transaction: no read without its record.
	 */
	Person readPerson(CaseFile file, String reader, String purpose) {
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

	void linkProcess(String reference, String processInstanceId) {
		this.jdbc.sql("update app.case_file set process_instance_id = ? where reference = ?")
			.params(processInstanceId, reference)
			.update();
	}

	/**
	 * Adds what a form recorded to the case's facts; a field left empty keeps the earlier
	 * value.
	 */
	public void mergeFacts(String reference, ObjectNode facts) {
		this.jdbc.sql("update app.case_file set facts = facts || ?::jsonb where reference = ?")
			.params(write(facts), reference)
			.update();
	}

	public void event(String reference, String actor, String kind, String step, Map<String, ?> detail) {
		this.jdbc
			.sql("insert into app.case_event (case_reference, actor, kind, step, detail) values (?, ?, ?, ?, ?::jsonb)")
			.params(reference, actor, kind, step, write(detail))
			.update();
	}

	List<Event> timeline(String reference) {
		return this.jdbc.sql("select * from app.case_event where case_reference = ? order by id")
			.param(reference)
			.query((rs, row) -> new Event(rs.getObject("at", OffsetDateTime.class), rs.getString("actor"),
					rs.getString("kind"), rs.getString("step"), readMap(rs.getString("detail"))))
			.list();
	}

	public void note(String reference, String author, String text) {
		this.jdbc.sql("insert into app.case_note (case_reference, author, text) values (?, ?, ?)")
			.params(reference, author, text)
			.update();
	}

	List<Note> notes(String reference) {
		return this.jdbc.sql("select * from app.case_note where case_reference = ? order by id")
			.param(reference)
			.query((rs, row) -> new Note(rs.getString("author"), rs.getString("text"),
					rs.getObject("written_at", OffsetDateTime.class)))
			.list();
	}

	public void recordDelivery(String reference, String step, java.math.BigDecimal amount, String description,
			String deliveredBy) {
		this.jdbc.sql("""
				insert into app.assistance_item (case_reference, step, amount, description, delivered_by)
				values (?, ?, ?, ?, ?)""").params(reference, step, amount, description, deliveredBy).update();
	}

	List<AssistanceItem> assistance(String reference) {
		return this.jdbc.sql("select * from app.assistance_item where case_reference = ? order by id")
			.param(reference)
			.query((rs, row) -> new AssistanceItem(rs.getString("step"), rs.getBigDecimal("amount"),
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
	boolean withdrawConsent(String reference, String by) {
		return this.jdbc.sql("""
				update app.consent set withdrawn_by = ?, withdrawn_at = now()
				 where case_reference = ? and given and withdrawn_at is null""").params(by, reference).update() > 0;
	}

	public List<Consent> consents(String reference) {
		return this.jdbc.sql("select * from app.consent where case_reference = ? order by id")
			.param(reference)
			.query((rs, row) -> new Consent(rs.getBoolean("given"), rs.getString("given_by"),
					List.of((String[]) rs.getArray("scope").getArray()), rs.getString("recorded_by"),
					rs.getObject("recorded_at", OffsetDateTime.class), rs.getString("withdrawn_by"),
					rs.getObject("withdrawn_at", OffsetDateTime.class)))
			.list();
	}

	/**
	 * Other cases of the same person that received GAF money: the decision's
	 * priorGafCases.
	 */
	public int priorGafCases(CaseFile file) {
		return this.jdbc.sql("""
				select count(distinct c.reference) from app.case_file c
				  join app.fund_reservation r on r.case_reference = c.reference
				 where c.person_id = ? and c.reference <> ? and r.fund_id like 'GAF-%' and r.status = 'COMMITTED'""")
			.params(file.personId(), file.reference())
			.query(Integer.class)
			.single();
	}

	/**
	 * Ends a case once: its status, an anonymised statistic of its outcome (no person, no
	 * reference), and the timeline entry. A case already closed (a step run again) is
	 * left as it is.
	 */
	void close(CaseFile file, String status, String outcome, String step, String kind, Map<String, ?> detail) {
		if (file.closedAt() != null) {
			return;
		}
		this.jdbc.sql("update app.case_file set status = ?, closed_at = now() where reference = ?")
			.params(status, file.reference())
			.update();
		this.jdbc.sql("""
				insert into app.case_statistic (type, office, year, outcome, days_open)
				values (?, ?, ?, ?, greatest(0, extract(day from now() - ?)::int))""")
			.params(file.type().name(), file.office(), file.openedAt().getYear(), outcome, file.openedAt())
			.update();
		event(file.reference(), "process", kind, step, detail);
	}

	/** The offices a member of staff works for. */
	public List<String> officesOf(String user) {
		return this.jdbc.sql("select office from app.staff_office where user_id = ? order by office")
			.param(user)
			.query(String.class)
			.list();
	}

	void assignOffices(String user, List<String> offices) {
		this.jdbc.sql("delete from app.staff_office where user_id = ?").param(user).update();
		for (String office : offices) {
			this.jdbc.sql("insert into app.staff_office (user_id, office) values (?, ?)").params(user, office).update();
		}
	}

	private CaseFile caseFile(ResultSet rs, int row) throws SQLException {
		try {
			return new CaseFile(rs.getString("reference"), CaseType.valueOf(rs.getString("type")),
					rs.getString("office"), rs.getString("status"), rs.getObject("person_id", UUID.class),
					rs.getString("opened_by"), rs.getString("linked_case"),
					(ObjectNode) this.json.readTree(rs.getString("facts")),
					rs.getObject("opened_at", OffsetDateTime.class), rs.getObject("closed_at", OffsetDateTime.class));
		}
		catch (JsonProcessingException ex) {
			throw new IllegalStateException("Unreadable facts of case " + rs.getString("reference"), ex);
		}
	}

	private String write(Object value) {
		try {
			return this.json.writeValueAsString(value);
		}
		catch (JsonProcessingException ex) {
			throw new IllegalArgumentException(ex);
		}
	}

	@SuppressWarnings("unchecked")
	private Map<String, Object> readMap(String text) {
		try {
			return this.json.readValue(text, Map.class);
		}
		catch (JsonProcessingException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
