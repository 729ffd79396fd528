package org.passage.cases.internal;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Locale;

import org.passage.cases.CaseType;
import org.passage.cases.WaitingSteps;
import org.passage.rules.decision.Priority;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The engine's waiting user tasks joined with the cases they belong to, so that an inbox
 * is filtered by office, sorted and paged by the database however many cases an office
 * has. Who may take a step is decided by the model and the recorded decisions (the tasks
 * module checks each step it shows); the candidate groups the engine holds only narrow
 * the search.
 */
@Repository
public class CaseSteps {

	private final JdbcClient jdbc;

	private final Clock clock;

	private final Duration hasmDecisionDue;

	CaseSteps(JdbcClient jdbc, Clock clock,
			@Value("${passage.cases.hasm-decision-due:PT72H}") Duration hasmDecisionDue) {
		this.jdbc = jdbc;
		this.clock = clock;
		this.hasmDecisionDue = hasmDecisionDue;
	}

	/**
	 * A page of the steps waiting in these offices (null: all) for this user or their
	 * groups.
	 */
	public WaitingSteps.Page page(List<String> offices, String user, List<String> groups, WaitingSteps.Whose whose,
			WaitingSteps.Filter filter, int page, int size) {
		long[] total = { 0 };
		List<WaitingSteps.Step> steps = this.jdbc.sql("""
				select t.id_, t.task_def_key_, t.name_, t.assignee_, t.create_time_,
				       c.reference, c.type, c.office, c.priority,
				       (c.type = 'STRANDED_MIGRANT' and c.status = 'OPEN' and c.opened_at < :dueBefore
				        and not exists (select 1 from app.case_decision hd
				                         where hd.case_reference = c.reference and hd.programme = 'HASM')) as overdue,
				       count(*) over () as total
				  from act_ru_task t
				  join act_ru_execution e on e.id_ = t.proc_inst_id_
				  join app.case_file c on c.process_instance_id = coalesce(e.root_proc_inst_id_, e.id_)
				 where (cast(:offices as text[]) is null or c.office = any(cast(:offices as text[])))
				   and case when :mine then t.assignee_ = :user
				            else t.assignee_ is null
				                 and exists (select 1 from act_ru_identitylink l
				                              where l.task_id_ = t.id_ and l.type_ = 'candidate'
				                                and l.group_id_ = any(cast(:groups as text[]))) end
				   and (cast(:type as text) is null or c.type = :type)
				   and (cast(:step as text) is null or t.task_def_key_ = :step)
				   and (cast(:priority as text) is null or c.priority = :priority)
				   and (cast(:reference as text) is null or strpos(c.reference, :reference) > 0)
				 order by c.priority = 'URGENT' desc, overdue desc, t.create_time_, t.id_
				 limit :size offset :offset""")
			.param("dueBefore", Timestamp.from(this.clock.instant().minus(this.hasmDecisionDue)))
			.param("offices", offices == null ? null : offices.toArray(String[]::new))
			.param("mine", whose == WaitingSteps.Whose.MINE)
			.param("user", user)
			.param("groups", groups.toArray(String[]::new))
			.param("type", filter.type() == null ? null : filter.type().name())
			.param("step", blankToNull(filter.step()))
			.param("priority", filter.priority() == null ? null : filter.priority().name())
			.param("reference",
					blankToNull(filter.reference()) == null ? null
							: filter.reference().strip().toUpperCase(Locale.ROOT))
			.param("size", size)
			.param("offset", (long) page * size)
			.query((rs, row) -> {
				total[0] = rs.getLong("total");
				return new WaitingSteps.Step(rs.getString("id_"), rs.getString("task_def_key_"), rs.getString("name_"),
						rs.getString("reference"), CaseType.valueOf(rs.getString("type")), rs.getString("office"),
						Priority.valueOf(rs.getString("priority")), rs.getBoolean("overdue"), rs.getString("assignee_"),
						rs.getObject("create_time_", OffsetDateTime.class));
			})
			.list();
		if (steps.isEmpty() && page > 0) {
			total[0] = count(offices, user, groups, whose, filter, size);
		}
		return new WaitingSteps.Page(steps, total[0], page, size);
	}

	/** The steps that cases of these offices wait at, for an inbox's step filter. */
	public List<String> stepsWaiting(List<String> offices) {
		return this.jdbc.sql("""
				select distinct t.task_def_key_
				  from act_ru_task t
				  join act_ru_execution e on e.id_ = t.proc_inst_id_
				  join app.case_file c on c.process_instance_id = coalesce(e.root_proc_inst_id_, e.id_)
				 where cast(? as text[]) is null or c.office = any(cast(? as text[]))
				 order by 1""")
			.params(offices == null ? null : offices.toArray(String[]::new),
					offices == null ? null : offices.toArray(String[]::new))
			.query(String.class)
			.list();
	}

	/** How many steps there are when a page past the end was asked for. */
	private long count(List<String> offices, String user, List<String> groups, WaitingSteps.Whose whose,
			WaitingSteps.Filter filter, int size) {
		WaitingSteps.Page first = page(offices, user, groups, whose, filter, 0, size);
		return first.total();
	}

	private static String blankToNull(String text) {
		return text == null || text.isBlank() ? null : text;
	}

}
