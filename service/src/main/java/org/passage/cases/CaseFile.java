package org.passage.cases;

import java.time.OffsetDateTime;
import java.util.UUID;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * A case as stored, without the person's data (read that through {@link Cases#person}).
 */
public record CaseFile(String reference, CaseType type, String office, String status, UUID personId, String openedBy,
		String linkedCase, ObjectNode facts, OffsetDateTime openedAt, OffsetDateTime closedAt) {
}
