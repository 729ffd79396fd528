package org.passage.cases;

import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;

import org.passage.decisions.DecisionView;
import org.passage.funds.Reservation;
import org.passage.rules.decision.Priority;

/** A case file as the case API shows it to the staff of its office. */
public record CaseView(String reference, CaseType type, String office, CaseStatus status, Priority priority,
		String officer, String openedBy, OffsetDateTime openedAt, OffsetDateTime closedAt, String linkedCase,
		Person person, Map<String, Object> facts, List<Case.ConsentRecord> consents, List<DecisionView> decisions,
		List<Reservation> reservations, List<AssistanceItem> assistance, List<OpenTask> openTasks, List<Note> notes,
		List<Case.TimelineEntry> timeline) {

	/** A step waiting for someone. */
	public record OpenTask(String id, String step, String name, String assignee, OffsetDateTime created) {
	}

	public record Note(String author, String text, OffsetDateTime writtenAt) {
	}

	/** Assistance delivered: what it cost, what it was, who delivered it and when. */
	public record AssistanceItem(String step, BigDecimal amount, String description, String deliveredBy,
			OffsetDateTime deliveredAt) {
	}

}
