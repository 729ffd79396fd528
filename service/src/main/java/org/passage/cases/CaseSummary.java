package org.passage.cases;

import java.time.OffsetDateTime;

/** A case in a list or an inbox: no personal data. */
public record CaseSummary(String reference, CaseType type, String office, CaseStatus status, OffsetDateTime openedAt) {
}
