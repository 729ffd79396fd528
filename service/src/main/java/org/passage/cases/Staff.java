package org.passage.cases;

import java.util.List;
import java.util.Set;

import org.passage.security.Roles;

/**
 * Who is asking, as far as cases are concerned: a user, the roles they hold and the
 * offices they work for. Headquarters approvers see every office.
 */
public record Staff(String user, Set<String> roles, List<String> offices) {

	public boolean seesEveryOffice() {
		return this.roles.contains(Roles.HQ_APPROVER);
	}

	public boolean sees(String office) {
		return seesEveryOffice() || this.offices.contains(office);
	}

	/** The offices to filter by, or null for all. */
	public List<String> officeFilter() {
		return seesEveryOffice() ? null : this.offices;
	}

}
