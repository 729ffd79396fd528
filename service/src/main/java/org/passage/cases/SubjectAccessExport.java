package org.passage.cases;

import java.time.OffsetDateTime;
import java.util.List;

/**
 * Everything Passage holds about one person, for them (subject access): their data and
 * each of their cases as a case file shows it, with who exported it, when and why.
 *
 * @param cases the person's cases in the offices of whoever exported them
 */
public record SubjectAccessExport(OffsetDateTime exportedAt, String exportedBy, String reason, Person person,
		List<CaseView> cases) {
}
