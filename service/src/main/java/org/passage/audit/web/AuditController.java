package org.passage.audit.web;

import java.util.List;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.passage.audit.AuditEntry;
import org.passage.audit.AuditTrail;
import org.passage.audit.ChainCheck;
import org.passage.web.NotFoundException;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The auditors' questions: who looked at and changed a person's file (auditors, every
 * office), and whether the trail is intact (auditors and operators).
 */
@RestController
@RequestMapping("/api/v1/audit")
@Tag(name = "Audit", description = "Who read and changed a person's file; the audit trail's integrity")
class AuditController {

	private final AuditTrail trail;

	AuditController(AuditTrail trail) {
		this.trail = trail;
	}

	@GetMapping("/cases/{reference}")
	@PreAuthorize("hasRole('AUDITOR')")
	@Operation(operationId = "auditTrailOfPerson",
			summary = "Who read and changed the file of the person this case is about (all their cases), newest "
					+ "first; this question is itself recorded")
	List<AuditEntry> ofPersonOfCase(@PathVariable String reference, Authentication caller) {
		return this.trail.ofPersonOfCase(reference, caller.getName())
			.orElseThrow(() -> new NotFoundException("The audit trail knows no case " + reference));
	}

	@GetMapping("/chain")
	@PreAuthorize("hasAnyRole('AUDITOR', 'ADMIN')")
	@Operation(operationId = "checkAuditChain",
			summary = "Recompute the audit trail's hash chain: intact, or the first row that was changed")
	ChainCheck check() {
		return this.trail.check();
	}

}
