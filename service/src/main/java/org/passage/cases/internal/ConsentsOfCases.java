package org.passage.cases.internal;

import org.passage.decisions.CaseConsents;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The decision API's view of a case's consent: withdrawn or not, as
 * {@code Case.consentInForce} reads it (the latest record decides), in one query.
 */
@Component
class ConsentsOfCases implements CaseConsents {

	private final JdbcClient jdbc;

	ConsentsOfCases(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	@Override
	public boolean withdrawn(String caseId) {
		return this.jdbc
			.sql("select withdrawn_at is not null from app.consent where case_reference = ? order by id desc limit 1")
			.param(caseId)
			.query(Boolean.class)
			.optional()
			.orElse(false);
	}

}
