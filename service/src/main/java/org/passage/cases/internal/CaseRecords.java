package org.passage.cases.internal;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.passage.cases.Approval;
import org.passage.cases.CaseDecision;
import org.passage.rules.decision.Programme;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The decisions a case's process made and the approvals given to them: append-only. */
@Repository
public class CaseRecords {

	private final JdbcClient jdbc;

	CaseRecords(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	public void decision(String reference, CaseDecision decision) {
		this.jdbc.sql("""
				insert into app.case_decision (decision_id, case_reference, programme, fund_id, step)
				values (?, ?, ?, ?, ?)""")
			.params(decision.decisionId(), reference, decision.programme().name(), decision.fundId(), decision.step())
			.update();
	}

	/** The case's decisions, oldest first. */
	public List<CaseDecision> decisions(String reference) {
		return this.jdbc.sql(
				"select decision_id, programme, fund_id, step from app.case_decision where case_reference = ? order by seq")
			.param(reference)
			.query((rs, row) -> new CaseDecision(rs.getObject(1, UUID.class), Programme.valueOf(rs.getString(2)),
					rs.getString(3), rs.getString(4)))
			.list();
	}

	/**
	 * Whether a step with one of {@code forms} was completed on the case after decision
	 * {@code decisionId} was made.
	 */
	public boolean completedAfter(UUID decisionId, java.util.Collection<String> forms) {
		return this.jdbc
			.sql("""
					select exists (select 1 from app.step_completion s
					               join app.case_decision d on d.case_reference = s.case_reference
					               where d.decision_id = :decision and s.form in (:forms) and s.completed_at > d.decided_at)""")
			.param("decision", decisionId)
			.param("forms", List.copyOf(forms))
			.query(Boolean.class)
			.single();
	}

	public void approval(Approval approval, String reference) {
		this.jdbc.sql("""
				insert into app.approval (task_id, case_reference, step, decision_id, approver, prepared_by, approved)
				values (?, ?, ?, ?, ?, ?, ?)""")
			.params(approval.taskId(), reference, approval.step(), approval.decisionId(), approval.approver(),
					approval.preparedBy(), approval.approved())
			.update();
	}

	public Optional<Approval> approvalOf(UUID decisionId) {
		return this.jdbc.sql("""
				select task_id, step, decision_id, approver, prepared_by, approved from app.approval
				 where decision_id = ? order by approved_at desc limit 1""")
			.param(decisionId)
			.query((rs, row) -> new Approval(rs.getString(1), rs.getString(2), rs.getObject(3, UUID.class),
					rs.getString(4), rs.getString(5), rs.getBoolean(6)))
			.optional();
	}

}
