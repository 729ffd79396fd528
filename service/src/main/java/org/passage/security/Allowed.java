package org.passage.security;

/**
 * Who may call a service method, as the expressions of Spring Security's
 * {@code @PreAuthorize}: the service layer checks the caller's role itself, whichever
 * page, API or future adapter the call comes through. Offices are checked inside the
 * services (another office's case, decision or task is a 404), since they depend on the
 * data.
 * <p>
 * Methods that only the process engine's steps call (recording a step, a decision made
 * inside a case, reserving funds) carry no role: they run as whoever completed the step,
 * or in the job executor with nobody signed in. {@code ArchitectureTest} makes sure no
 * controller calls them.
 */
public final class Allowed {

	/** Works on cases: officers, supervisors and approvers at every level. */
	public static final String CASEWORK = "hasAnyRole('CASE_OFFICER', 'SUPERVISOR', 'REGIONAL_APPROVER', 'HQ_APPROVER')";

	/** Supervisors and approvers: the dashboard's counts. */
	public static final String SUPERVISION = "hasAnyRole('SUPERVISOR', 'REGIONAL_APPROVER', 'HQ_APPROVER')";

	/** A supervisor of the case's office: a subject-access export. */
	public static final String SUPERVISORS = "hasRole('SUPERVISOR')";

	/**
	 * Reads the decision tables: casework follows reasons to them, policy staff change
	 * them.
	 */
	public static final String TABLE_READERS = "hasAnyRole('CASE_OFFICER', 'SUPERVISOR', 'REGIONAL_APPROVER', "
			+ "'HQ_APPROVER', 'POLICY_EDITOR', 'POLICY_APPROVER')";

	/** Policy staff: simulations and rollback requests. */
	public static final String POLICY = "hasAnyRole('POLICY_EDITOR', 'POLICY_APPROVER')";

	/** Uploads drafts, revises their scenarios, submits them. */
	public static final String POLICY_EDITORS = "hasRole('POLICY_EDITOR')";

	/** Approves or rejects another person's version or rollback. */
	public static final String POLICY_APPROVERS = "hasRole('POLICY_APPROVER')";

	/**
	 * Budgets without personal data: supervision, policy staff (simulations), operators.
	 */
	public static final String FUND_READERS = "hasAnyRole('SUPERVISOR', 'REGIONAL_APPROVER', 'HQ_APPROVER', "
			+ "'POLICY_EDITOR', 'POLICY_APPROVER', 'ADMIN')";

	/** Opens a fund or raises its budget. */
	public static final String FUND_KEEPERS = "hasAnyRole('HQ_APPROVER', 'ADMIN')";

	/** Other systems calling the decision API. */
	public static final String CALLING_SYSTEMS = "hasRole('DECISION_API')";

	/** Who looked at and changed a person's file. */
	public static final String AUDITORS = "hasRole('AUDITOR')";

	/** Whether anyone changed the audit trail. */
	public static final String AUDITORS_AND_OPERATORS = "hasAnyRole('AUDITOR', 'ADMIN')";

	/** Operators: accounts' offices, retention, resealing, the service's own counts. */
	public static final String OPERATORS = "hasRole('ADMIN')";

	private Allowed() {
	}

}
