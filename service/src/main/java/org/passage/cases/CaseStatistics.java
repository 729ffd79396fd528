package org.passage.cases;

import java.util.List;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.passage.security.Allowed;

/**
 * Counts of cases for operators and dashboards: numbers only, never a person or a
 * reference.
 */
@Service
public class CaseStatistics {

	/** How many cases of a type are in a status. */
	public record Count(CaseType type, CaseStatus status, long cases) {
	}

	private final JdbcClient jdbc;

	CaseStatistics(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	@Transactional(readOnly = true)
	@PreAuthorize(Allowed.OPERATORS)
	public List<Count> byTypeAndStatus() {
		return this.jdbc.sql("select type, status, count(*) from app.case_file group by type, status")
			.query((rs, n) -> new Count(CaseType.valueOf(rs.getString(1)), CaseStatus.valueOf(rs.getString(2)),
					rs.getLong(3)))
			.list();
	}

	/** How many open cases of a type wait at a step. */
	public record StepCount(CaseType type, String step, long cases) {
	}

	/** How many decisions of a programme came out with an outcome. */
	public record OutcomeCount(String programme, String outcome, long decisions) {
	}

	/**
	 * The HASM deadline (domain.md: a decision within 72 hours of registration): open
	 * stranded-migrant cases past it with no decision yet, and decisions made late or in
	 * time since {@code since}.
	 */
	public record HasmDeadline(long overdue, long decidedLate, long decidedInTime) {
	}

	/** Open cases by type and the step they wait at, in these offices (null: all). */
	@Transactional(readOnly = true)
	@PreAuthorize(Allowed.SUPERVISION)
	public List<StepCount> openStepsByTypeAndStep(List<String> offices) {
		return this.jdbc.sql("""
				select c.type, t.task_def_key_, count(distinct c.reference)
				from act_ru_task t
				join act_ru_execution e on e.id_ = t.proc_inst_id_
				join app.case_file c on c.process_instance_id = coalesce(e.root_proc_inst_id_, e.id_)
				where c.status = 'OPEN' and (cast(? as text[]) is null or c.office = any(cast(? as text[])))
				group by c.type, t.task_def_key_ order by c.type, t.task_def_key_""")
			.params(array(offices), array(offices))
			.query((rs, n) -> new StepCount(CaseType.valueOf(rs.getString(1)), rs.getString(2), rs.getLong(3)))
			.list();
	}

	/** The cases' decisions since {@code since}, by programme and outcome. */
	@Transactional(readOnly = true)
	@PreAuthorize(Allowed.SUPERVISION)
	public List<OutcomeCount> decisionsByOutcome(List<String> offices, java.time.Instant since) {
		return this.jdbc.sql("""
				select cd.programme, d.outcome, count(*)
				from app.case_decision cd
				join app.decision d on d.id = cd.decision_id
				join app.case_file c on c.reference = cd.case_reference
				where cd.decided_at >= ? and (cast(? as text[]) is null or c.office = any(cast(? as text[])))
				group by cd.programme, d.outcome order by cd.programme, d.outcome""")
			.params(java.sql.Timestamp.from(since), array(offices), array(offices))
			.query((rs, n) -> new OutcomeCount(rs.getString(1), rs.getString(2), rs.getLong(3)))
			.list();
	}

	@Transactional(readOnly = true)
	@PreAuthorize(Allowed.SUPERVISION)
	public HasmDeadline hasmDeadline(List<String> offices, java.time.Instant now, java.time.Instant since) {
		return this.jdbc
			.sql("""
					select count(*) filter (where first.decided_at is null and c.status = 'OPEN'
					                          and c.opened_at < cast(? as timestamptz) - interval '72 hours'),
					       count(*) filter (where first.decided_at >= ? and first.decided_at > c.opened_at + interval '72 hours'),
					       count(*) filter (where first.decided_at >= ? and first.decided_at <= c.opened_at + interval '72 hours')
					from app.case_file c
					left join lateral (select min(cd.decided_at) as decided_at from app.case_decision cd
					                   where cd.case_reference = c.reference and cd.programme = 'HASM') first on true
					where c.type = 'STRANDED_MIGRANT' and (cast(? as text[]) is null or c.office = any(cast(? as text[])))""")
			.params(java.sql.Timestamp.from(now), java.sql.Timestamp.from(since), java.sql.Timestamp.from(since),
					array(offices), array(offices))
			.query((rs, n) -> new HasmDeadline(rs.getLong(1), rs.getLong(2), rs.getLong(3)))
			.single();
	}

	private static String[] array(List<String> offices) {
		return offices == null ? null : offices.toArray(String[]::new);
	}

}
