package org.passage.security;

import java.util.List;
import java.util.Map;

/**
 * The roles of Passage, which are also the Camunda groups that BPMN candidate groups
 * name.
 */
public final class Roles {

	public static final String CASE_OFFICER = "CASE_OFFICER";

	public static final String SUPERVISOR = "SUPERVISOR";

	public static final String REGIONAL_APPROVER = "REGIONAL_APPROVER";

	public static final String HQ_APPROVER = "HQ_APPROVER";

	public static final String POLICY_STAFF = "POLICY_STAFF";

	/** Uploads decision-table drafts and submits them for review. */
	public static final String POLICY_EDITOR = "POLICY_EDITOR";

	/** Approves or rejects another person's draft, and its activation. */
	public static final String POLICY_APPROVER = "POLICY_APPROVER";

	/** Other systems calling the decision API. */
	public static final String DECISION_API = "DECISION_API";

	/**
	 * Reads the audit trail (who looked at and changed a person's file) in every office,
	 * never the file itself.
	 */
	public static final String AUDITOR = "AUDITOR";

	/** Camunda's own administrators' group; in Passage, the operators. */
	public static final String ADMIN = "camunda-admin";

	/**
	 * The prefix of an authority naming an office the caller works for, as an external
	 * identity provider's claim says ({@code OFFICE_TUN}).
	 */
	public static final String OFFICE_AUTHORITY = "OFFICE_";

	public static final List<String> ALL = List.of(CASE_OFFICER, SUPERVISOR, REGIONAL_APPROVER, HQ_APPROVER,
			POLICY_STAFF, POLICY_EDITOR, POLICY_APPROVER, DECISION_API, AUDITOR);

	private static final Map<String, String> DESCRIPTIONS = Map.of(CASE_OFFICER, "Case officers", SUPERVISOR,
			"Supervisors", REGIONAL_APPROVER, "Regional approvers", HQ_APPROVER, "Headquarters approvers", POLICY_STAFF,
			"Policy staff", POLICY_EDITOR, "Policy editors (decision tables)", POLICY_APPROVER,
			"Policy approvers (decision tables)", DECISION_API, "Systems calling the decision API", AUDITOR,
			"Auditors (who read and changed personal data)");

	// The demo policy user is split in two so that four eyes can be tried: one edits,
	// the other approves.
	private static final Map<String, String> DEMO_USERS = Map.of("officer", CASE_OFFICER, "supervisor", SUPERVISOR,
			"regional", REGIONAL_APPROVER, "hq", HQ_APPROVER, "policy", POLICY_EDITOR, "policy-approver",
			POLICY_APPROVER, "api-client", DECISION_API, "auditor", AUDITOR);

	private Roles() {
	}

	public static String describe(String role) {
		return DESCRIPTIONS.getOrDefault(role, role);
	}

	/** The role of a quick-start demo user. */
	public static String ofDemoUser(String user) {
		String role = DEMO_USERS.get(user);
		if (role == null) {
			throw new IllegalArgumentException("No demo role for user " + user);
		}
		return role;
	}

}
