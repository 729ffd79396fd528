package org.passage.cases;

import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.util.List;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.passage.decisions.DecisionView;

/** A case file as the case API shows it to the staff of its office. */
public record CaseView(String reference, CaseType type, String office, String status, String openedBy,
		OffsetDateTime openedAt, OffsetDateTime closedAt, String linkedCase, Person person, ObjectNode facts,
		List<Cases.Consent> consents, List<DecisionView> decisions, List<Reservation> reservations,
		List<Cases.AssistanceItem> assistance, List<OpenTask> openTasks, List<Cases.Note> notes,
		List<Cases.Event> timeline) {

	/** Money reserved, committed or released for the case. */
	public record Reservation(String fund, BigDecimal amount, String status, BigDecimal spent,
			OffsetDateTime reservedAt) {
	}

	/** A step waiting for someone. */
	public record OpenTask(String id, String step, String name, String assignee, OffsetDateTime created) {
	}

	/** A case in a list: no personal data. */
	public record Summary(String reference, CaseType type, String office, String status, OffsetDateTime openedAt) {
	}

}
