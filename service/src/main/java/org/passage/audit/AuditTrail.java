package org.passage.audit;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import jakarta.servlet.http.HttpServletRequest;
import org.passage.audit.internal.AuditLog;
import org.passage.security.Allowed;
import org.springframework.core.Ordered;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

/**
 * Records reads of personal data and changes to cases, in the transaction that does them:
 * the rows are appended to the chain just before that transaction commits (so the chain's
 * lock is held only for the commit), and if they cannot be, the transaction rolls back
 * and the action fails. Recording outside a transaction is a programming error.
 */
@Service
public class AuditTrail {

	/** A person's data was shown (a case file). */
	public static final String PERSON_READ = "PERSON_READ";

	/** Cases were looked for by a person's name and birth year (the duplicate check). */
	public static final String PERSON_SEARCHED = "PERSON_SEARCHED";

	/** All of a person's data was exported for them (subject access). */
	public static final String SUBJECT_ACCESS_EXPORTED = "SUBJECT_ACCESS_EXPORTED";

	/** An auditor read the trail of a person. */
	public static final String TRAIL_READ = "AUDIT_TRAIL_READ";

	/** The most rows an auditor's question answers with. */
	public static final int MAX_ROWS = 1000;

	/**
	 * What to record: who did what, about which case and person, why when a reason is
	 * required, and a detail without personal data (a step, a count).
	 */
	public record Event(String actor, String action, String caseReference, UUID personId, String reason,
			String detail) {

		public static Event of(String actor, String action, String caseReference, UUID personId) {
			return new Event(actor, action, caseReference, personId, null, null);
		}

		public Event because(String why) {
			return new Event(this.actor, this.action, this.caseReference, this.personId, why, this.detail);
		}

		public Event detail(String what) {
			return new Event(this.actor, this.action, this.caseReference, this.personId, this.reason, what);
		}

	}

	private final AuditLog log;

	private final Clock clock;

	AuditTrail(AuditLog log, Clock clock) {
		this.log = log;
		this.clock = clock;
	}

	/**
	 * Records {@code event} in the current transaction, with the time and the address of
	 * the client whose request this is.
	 * @throws IllegalStateException if no transaction is active
	 */
	public void record(Event event) {
		if (!TransactionSynchronizationManager.isSynchronizationActive()
				|| !TransactionSynchronizationManager.isActualTransactionActive()) {
			throw new IllegalStateException(
					"An audit row is written in the transaction of what it records: " + event.action() + " has none");
		}
		AuditEntry entry = new AuditEntry(0,
				OffsetDateTime.now(this.clock).truncatedTo(ChronoUnit.MICROS).withOffsetSameInstant(ZoneOffset.UTC),
				event.actor(), event.action(), event.caseReference(), event.personId(), clientAddress(), event.reason(),
				event.detail());
		pending().add(entry);
	}

	/** Checks the whole chain: every row's hash follows from the rows before it. */
	@Transactional(readOnly = true)
	@PreAuthorize(Allowed.AUDITORS_AND_OPERATORS)
	public ChainCheck check() {
		return this.log.check();
	}

	/**
	 * The trail of the person a case is about (all their cases), newest first: who looked
	 * at their file and who changed it. Reading it is itself recorded.
	 * @return empty when the trail knows no such case
	 */
	@Transactional
	@PreAuthorize(Allowed.AUDITORS)
	public Optional<List<AuditEntry>> ofPersonOfCase(String reference, String auditor) {
		Optional<UUID> person = this.log.personOfCase(reference);
		person.ifPresent(id -> record(Event.of(auditor, TRAIL_READ, reference, id)));
		return person.map(id -> this.log.aboutPerson(id, MAX_ROWS));
	}

	private Pending pending() {
		for (TransactionSynchronization registered : TransactionSynchronizationManager.getSynchronizations()) {
			if (registered instanceof Pending pending && pending.log == this.log) {
				return pending;
			}
		}
		Pending pending = new Pending(this.log);
		TransactionSynchronizationManager.registerSynchronization(pending);
		return pending;
	}

	private static String clientAddress() {
		if (RequestContextHolder.getRequestAttributes() instanceof ServletRequestAttributes attributes) {
			HttpServletRequest request = attributes.getRequest();
			return request.getRemoteAddr();
		}
		return null;
	}

	/**
	 * The rows of one transaction, appended just before it commits. Found among the
	 * transaction's synchronizations, which Spring suspends with it: a transaction run
	 * inside another (REQUIRES_NEW) has rows of its own.
	 */
	private static final class Pending implements TransactionSynchronization {

		private final AuditLog log;

		private final List<AuditEntry> entries = new ArrayList<>();

		private boolean appended;

		Pending(AuditLog log) {
			this.log = log;
		}

		void add(AuditEntry entry) {
			if (this.appended) {
				// recorded by another synchronization's beforeCommit: still before the
				// commit
				this.log.append(List.of(entry));
				return;
			}
			this.entries.add(entry);
		}

		@Override
		public void beforeCommit(boolean readOnly) {
			this.appended = true;
			if (!this.entries.isEmpty()) {
				this.log.append(this.entries);
			}
		}

		@Override
		public int getOrder() {
			return Ordered.LOWEST_PRECEDENCE;
		}

	}

}
