package org.passage.cases;

import java.util.List;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

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
	public List<Count> byTypeAndStatus() {
		return this.jdbc.sql("select type, status, count(*) from app.case_file group by type, status")
			.query((rs, n) -> new Count(CaseType.valueOf(rs.getString(1)), CaseStatus.valueOf(rs.getString(2)),
					rs.getLong(3)))
			.list();
	}

}
