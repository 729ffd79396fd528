package org.passage.impact.internal;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;

import org.passage.impact.Impact;
import org.passage.impact.Impact.ChangedDecision;
import org.passage.impact.Impact.Explained;
import org.passage.impact.Impact.ReasonRef;
import org.passage.rules.decision.Decision;
import org.passage.rules.decision.ReintegrationDecision;

/**
 * Counts what a replay finds, decision by decision, in memory that does not grow with the
 * number of decisions: counters keyed by outcome, level, fund, office and reasons (a few
 * hundred keys at most), and a sample of fixed size. Plain Java.
 */
public final class ImpactTally {

	/** Where a replayed decision came from. */
	public record Origin(UUID decisionId, Instant evaluatedAt, String office, String fund, long rulesetId) {
	}

	private final int sampleSize;

	private long replayed;

	private long changed;

	private long notReproduced;

	private long undecided;

	private long unreadable;

	private final Map<List<String>, long[]> outcomes = new LinkedHashMap<>();

	private final Map<List<String>, long[]> levels = new LinkedHashMap<>();

	private final Map<String, Money> funds = new LinkedHashMap<>();

	private final Map<String, long[]> offices = new LinkedHashMap<>();

	private final Map<List<List<ReasonRef>>, long[]> reasons = new LinkedHashMap<>();

	private final List<ChangedDecision> sample = new ArrayList<>();

	public ImpactTally(int sampleSize) {
		this.sampleSize = sampleSize;
	}

	private static final class Money {

		long decisions;

		long changed;

		BigDecimal recorded = BigDecimal.ZERO;

		BigDecimal draft = BigDecimal.ZERO;

	}

	/** A recorded input that no longer reads. */
	public void unreadable() {
		this.unreadable++;
	}

	/**
	 * One decision replayed: {@code own} under the version that made it, {@code draft}
	 * under the draft (null when no row of the draft decides); {@code recordedOutcome} is
	 * the outcome the record holds.
	 */
	public void add(Origin origin, String recordedOutcome, Decision own, Decision draft) {
		this.replayed++;
		if (!own.decision().name().equals(recordedOutcome)) {
			this.notReproduced++;
		}
		List<String> fields = draft == null ? List.of("decision") : differences(own, draft);
		boolean differs = !fields.isEmpty();
		if (draft == null) {
			this.undecided++;
		}
		if (differs) {
			this.changed++;
		}
		count(this.outcomes, List.of(own.decision().name(), draft == null ? "UNDECIDED" : draft.decision().name()));
		count(this.levels, List.of(level(own), draft == null ? "UNDECIDED" : level(draft)));
		Money money = this.funds.computeIfAbsent(origin.fund(), fund -> new Money());
		money.decisions++;
		money.recorded = money.recorded.add(own.grantedAmount());
		money.draft = money.draft.add(draft == null ? BigDecimal.ZERO : draft.grantedAmount());
		long[] office = this.offices.computeIfAbsent(origin.office(), key -> new long[2]);
		office[0]++;
		if (differs) {
			money.changed++;
			office[1]++;
			count(this.reasons, List.of(refs(own), draft == null ? List.of() : refs(draft)));
			if (this.sample.size() < this.sampleSize) {
				this.sample.add(new ChangedDecision(origin.decisionId(), origin.evaluatedAt(), origin.office(),
						origin.rulesetId(), fields, explain(own), draft == null ? null : explain(draft)));
			}
		}
	}

	/**
	 * Adds what {@code later} counted, as if its decisions had been added here one by one
	 * after this tally's: so batches tallied apart, each with a tally of the same sample
	 * size, and merged in reading order come to what one tally of them all would.
	 */
	public void addAll(ImpactTally later) {
		this.replayed += later.replayed;
		this.changed += later.changed;
		this.notReproduced += later.notReproduced;
		this.undecided += later.undecided;
		this.unreadable += later.unreadable;
		addCounts(this.outcomes, later.outcomes);
		addCounts(this.levels, later.levels);
		addCounts(this.offices, later.offices);
		addCounts(this.reasons, later.reasons);
		later.funds.forEach((fund, money) -> {
			Money sum = this.funds.computeIfAbsent(fund, key -> new Money());
			sum.decisions += money.decisions;
			sum.changed += money.changed;
			sum.recorded = sum.recorded.add(money.recorded);
			sum.draft = sum.draft.add(money.draft);
		});
		for (ChangedDecision changed : later.sample) {
			if (this.sample.size() < this.sampleSize) {
				this.sample.add(changed);
			}
		}
	}

	private static <K> void addCounts(Map<K, long[]> counts, Map<K, long[]> later) {
		later.forEach((key, values) -> {
			long[] sum = counts.computeIfAbsent(key, k -> new long[values.length]);
			for (int i = 0; i < values.length; i++) {
				sum[i] += values[i];
			}
		});
	}

	public long replayed() {
		return this.replayed;
	}

	/** What was counted so far. */
	public Impact impact() {
		return new Impact(this.replayed, this.changed, this.notReproduced, this.undecided, this.unreadable,
				shifts(this.outcomes), shifts(this.levels),
				this.funds.entrySet()
					.stream()
					.map(fund -> new Impact.FundImpact(fund.getKey(), fund.getValue().decisions,
							fund.getValue().changed, fund.getValue().recorded, fund.getValue().draft, null))
					.toList(),
				this.offices.entrySet()
					.stream()
					.map(office -> new Impact.OfficeImpact(office.getKey(), office.getValue()[0], office.getValue()[1]))
					.toList(),
				this.reasons.entrySet()
					.stream()
					.map(shift -> new Impact.ReasonShift(shift.getKey().get(0), shift.getKey().get(1),
							shift.getValue()[0]))
					.toList(),
				List.copyOf(this.sample));
	}

	/** The fields in which two decisions of one input differ; empty when they agree. */
	public static List<String> differences(Decision a, Decision b) {
		List<String> fields = new ArrayList<>();
		check(fields, "decision", a.decision(), b.decision());
		check(fields, "route", a.route(), b.route());
		check(fields, "components", a.components(), b.components());
		if (a.grantedAmount().compareTo(b.grantedAmount()) != 0) {
			fields.add("grantedAmount");
		}
		check(fields, "approvalLevel", a.approvalLevel(), b.approvalLevel());
		check(fields, "priority", a.priority(), b.priority());
		check(fields, "reasons", a.reasonCodes(), b.reasonCodes());
		if (a instanceof ReintegrationDecision x && b instanceof ReintegrationDecision y) {
			check(fields, "tier", x.tier(), y.tier());
			if (x.arrivalCash().compareTo(y.arrivalCash()) != 0) {
				fields.add("arrivalCash");
			}
			if (x.inKindBudget().compareTo(y.inKindBudget()) != 0) {
				fields.add("inKindBudget");
			}
			check(fields, "delivery", x.delivery(), y.delivery());
			check(fields, "monitoringMonths", x.monitoringMonths(), y.monitoringMonths());
		}
		return fields;
	}

	private static void check(List<String> fields, String field, Object a, Object b) {
		if (!Objects.equals(a, b)) {
			fields.add(field);
		}
	}

	private static String level(Decision decision) {
		return decision.approvalLevel() == null ? "NONE" : decision.approvalLevel().name();
	}

	private static List<ReasonRef> refs(Decision decision) {
		return decision.reasons().stream().map(r -> new ReasonRef(r.code(), r.table(), r.row())).toList();
	}

	private static Explained explain(Decision decision) {
		return new Explained(decision.decision().name(), decision.route() == null ? null : decision.route().name(),
				decision.components().stream().map(Enum::name).toList(), decision.grantedAmount(),
				decision.approvalLevel() == null ? null : decision.approvalLevel().name(), decision.priority().name(),
				refs(decision));
	}

	private static <K> void count(Map<K, long[]> counts, K key) {
		counts.computeIfAbsent(key, k -> new long[1])[0]++;
	}

	private static List<Impact.Shift> shifts(Map<List<String>, long[]> counts) {
		return counts.entrySet()
			.stream()
			.map(entry -> new Impact.Shift(entry.getKey().get(0), entry.getKey().get(1), entry.getValue()[0]))
			.toList();
	}

}
