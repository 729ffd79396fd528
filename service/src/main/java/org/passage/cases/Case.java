package org.passage.cases;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

import org.passage.rules.decision.Priority;

import org.passage.rules.facts.Consent;

/**
 * One person's case: what it is, where it stands, who works it, the consent recorded, the
 * facts its forms gave the decisions, and its timeline. The person's own data is not
 * here: it is read apart, under audit ({@link CaseService#read}). Changed only through
 * {@link CaseService}.
 *
 * @param preparedBy the officer who prepared what is to be approved next (four eyes)
 * @param processInstanceId the case's own process instance, the root of every step's
 * process tree
 * @param officer the case officer who works the case: who opened it, then whoever last
 * took one of its steps other than an approval
 * @param priority as the case's latest decision set it (NORMAL before any)
 */
public record Case(String reference, CaseType type, CaseStatus status, String office, UUID personId, String openedBy,
		String linkedCase, String preparedBy, String processInstanceId, CaseFacts facts, List<ConsentRecord> consents,
		List<TimelineEntry> timeline, OffsetDateTime openedAt, OffsetDateTime closedAt, String officer,
		Priority priority) {

	public Case {
		consents = List.copyOf(consents);
		timeline = List.copyOf(timeline);
	}

	public boolean closed() {
		return this.closedAt != null;
	}

	/**
	 * The consent in force, as a decision reads it: the latest record decides, a
	 * withdrawn one is WITHDRAWN, and none yet is PENDING.
	 */
	public Consent consentInForce() {
		if (this.consents.isEmpty()) {
			return Consent.PENDING;
		}
		ConsentRecord latest = this.consents.get(this.consents.size() - 1);
		if (latest.withdrawnAt() != null) {
			return Consent.WITHDRAWN;
		}
		return latest.given() ? Consent.GIVEN : Consent.REFUSED;
	}

	/**
	 * Whether the person's data may go with a referral: the consent in force is given and
	 * covers data sharing.
	 */
	public boolean sharesData() {
		if (consentInForce() != Consent.GIVEN) {
			return false;
		}
		return this.consents.get(this.consents.size() - 1).scope().contains(DATA_SHARING);
	}

	/** The scope of a consent that lets the person's data go with a referral. */
	public static final String DATA_SHARING = "DATA_SHARING";

	/**
	 * A consent record: given or refused, by whom, for what, and whether it was
	 * withdrawn.
	 */
	public record ConsentRecord(boolean given, String givenBy, List<String> scope, String recordedBy,
			OffsetDateTime recordedAt, String withdrawnBy, OffsetDateTime withdrawnAt) {
	}

	/** One entry of the timeline: who did what at which step, and when. */
	public record TimelineEntry(OffsetDateTime at, String actor, String kind, String step,
			java.util.Map<String, Object> detail) {
	}

}
