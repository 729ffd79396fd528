package org.passage.audit;

import java.time.OffsetDateTime;
import java.util.UUID;

/**
 * One row of the audit trail: who did what, about which case and person, when, from which
 * client address, and why when a reason was required.
 *
 * @param clientAddress the address of the client the request came from; null for work the
 * engine did on its own
 * @param detail what the action was about without personal data: a step, a count
 */
public record AuditEntry(long id, OffsetDateTime at, String actor, String action, String caseReference, UUID personId,
		String clientAddress, String reason, String detail) {
}
