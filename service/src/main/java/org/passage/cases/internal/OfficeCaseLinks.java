package org.passage.cases.internal;

import org.passage.decisions.CaseLinks;
import org.springframework.stereotype.Component;

/**
 * A calling system links a decision to a case of an office it is granted
 * ({@code app.staff_office}, set by an operator as for staff), and to no other case.
 */
@Component
class OfficeCaseLinks implements CaseLinks {

	private final Cases cases;

	OfficeCaseLinks(Cases cases) {
		this.cases = cases;
	}

	@Override
	public boolean mayLink(String caller, String caseId) {
		return this.cases.find(caseId).map(file -> this.cases.officesOf(caller).contains(file.office())).orElse(true);
	}

}
