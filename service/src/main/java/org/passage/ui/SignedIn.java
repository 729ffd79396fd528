package org.passage.ui;

import java.util.List;

import org.passage.cases.Staff;
import org.passage.security.Roles;

/** Who is signed in, as the pages' header shows them, and which pages they may open. */
record SignedIn(String user, String name, List<String> roles, List<String> offices, boolean everyOffice) {

	private static final List<String> CASEWORK = List.of(Roles.CASE_OFFICER, Roles.SUPERVISOR, Roles.REGIONAL_APPROVER,
			Roles.HQ_APPROVER);

	private static final List<String> SUPERVISION = List.of(Roles.SUPERVISOR, Roles.REGIONAL_APPROVER,
			Roles.HQ_APPROVER);

	private static final List<String> POLICY = List.of(Roles.POLICY_EDITOR, Roles.POLICY_APPROVER);

	static SignedIn of(Staff staff, String name) {
		return new SignedIn(staff.user(), name, staff.roles().stream().sorted().toList(),
				staff.offices().stream().sorted().toList(), staff.seesEveryOffice());
	}

	/** Works on cases: the inbox, case files, steps. */
	public boolean casework() {
		return this.roles.stream().anyMatch(CASEWORK::contains);
	}

	/** Sees the supervisor's dashboard. */
	public boolean supervises() {
		return this.roles.stream().anyMatch(SUPERVISION::contains);
	}

	/** Reads the audit trail. */
	public boolean audits() {
		return this.roles.contains(Roles.AUDITOR);
	}

	/**
	 * Reads the decision tables (casework follows reasons to them; policy staff change
	 * them).
	 */
	public boolean readsTables() {
		return casework() || policy();
	}

	/** Policy staff: reads drafts, their reports and simulations, asks for rollbacks. */
	public boolean policy() {
		return this.roles.stream().anyMatch(POLICY::contains);
	}

	/** Uploads drafts and submits them. */
	public boolean editsPolicy() {
		return this.roles.contains(Roles.POLICY_EDITOR);
	}

	/** Approves or rejects another person's version, or rollback. */
	public boolean approvesPolicy() {
		return this.roles.contains(Roles.POLICY_APPROVER);
	}

}
