package org.passage.impact;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import org.springframework.lang.Nullable;

/**
 * What a draft would have changed in the recorded decisions of a period: each decision
 * replayed under the version that made it and under the draft, and the two compared.
 *
 * @param replayed how many decisions were replayed
 * @param changed how many the draft decides differently (outcome, route, components,
 * amount, approval level, priority, reasons, or a reintegration field)
 * @param notReproduced how many decide differently under their own version than recorded:
 * a warning that the comparison's baseline is not the record
 * @param undecided how many no row of the draft decides (a gap in the draft)
 * @param unreadable how many recorded inputs no longer read as an input
 * @param outcomes from → to counts of outcomes (decision), unchanged ones included
 * @param approvalLevels from → to counts of approval levels ({@code NONE} for none)
 * @param funds per fund (empty name: decisions no fund pays), the money granted before
 * and under the draft
 * @param offices per office (empty name: decisions of no case), replayed and changed
 * @param reasons the changed decisions by their reasons before → after
 * @param sample the first changed decisions, each with both explanations
 */
public record Impact(long replayed, long changed, long notReproduced, long undecided, long unreadable,
		List<Shift> outcomes, List<Shift> approvalLevels, List<FundImpact> funds, List<OfficeImpact> offices,
		List<ReasonShift> reasons, List<ChangedDecision> sample) {

	/** What a value was, what it becomes, and for how many decisions. */
	public record Shift(String from, String to, long count) {
	}

	/**
	 * One fund: how much the decisions it pays granted, under their own version and under
	 * the draft; {@code balance} is what the fund has left now (null: no such fund).
	 */
	public record FundImpact(String fund, long decisions, long changed, BigDecimal recorded, BigDecimal draft,
			@Nullable BigDecimal balance) {

		/** The draft's amount less the recorded one: positive when it grants more. */
		public BigDecimal difference() {
			return this.draft.subtract(this.recorded);
		}

		/** Whether the draft would grant more than the fund has left. */
		public boolean exceedsBalance() {
			return difference().signum() > 0 && (this.balance == null || difference().compareTo(this.balance) > 0);
		}

		FundImpact withBalance(@Nullable BigDecimal balance) {
			return new FundImpact(this.fund, this.decisions, this.changed, this.recorded, this.draft, balance);
		}

	}

	/** One office: decisions replayed and changed. */
	public record OfficeImpact(String office, long replayed, long changed) {
	}

	/** A reason as a decision gives it: its code, and the table row it came from. */
	public record ReasonRef(String code, String table, String row) {
	}

	/** Changed decisions whose reasons went from one list to another. */
	public record ReasonShift(List<ReasonRef> from, List<ReasonRef> to, long count) {
	}

	/** A decision as one version explains it. */
	public record Explained(String decision, @Nullable String route, List<String> components, BigDecimal grantedAmount,
			@Nullable String approvalLevel, String priority, List<ReasonRef> reasons) {
	}

	/**
	 * A changed decision: the recorded one as its own version explains it, beside the
	 * draft's explanation ({@code after} null when no row of the draft decides).
	 */
	public record ChangedDecision(UUID decisionId, Instant evaluatedAt, String office, long rulesetId,
			List<String> fields, Explained before, @Nullable Explained after) {
	}

	/** A from → to table of counts, rows and columns in first-seen order. */
	public record Matrix(List<String> from, List<String> to, long[][] counts) {

		public long count(int row, int column) {
			return this.counts[row][column];
		}

	}

	/** The outcomes as a from → to table. */
	public Matrix outcomeMatrix() {
		return matrix(this.outcomes);
	}

	/** The approval levels as a from → to table. */
	public Matrix approvalMatrix() {
		return matrix(this.approvalLevels);
	}

	private static Matrix matrix(List<Shift> shifts) {
		Set<String> from = new LinkedHashSet<>();
		Set<String> to = new LinkedHashSet<>();
		shifts.forEach(shift -> {
			from.add(shift.from());
			to.add(shift.to());
		});
		List<String> rows = new ArrayList<>(from);
		List<String> columns = new ArrayList<>(to);
		long[][] counts = new long[rows.size()][columns.size()];
		shifts.forEach(shift -> counts[rows.indexOf(shift.from())][columns.indexOf(shift.to())] += shift.count());
		return new Matrix(rows, columns, counts);
	}

	Impact withBalances(java.util.function.Function<String, BigDecimal> balances) {
		return new Impact(this.replayed, this.changed, this.notReproduced, this.undecided, this.unreadable,
				this.outcomes, this.approvalLevels,
				this.funds.stream()
					.map(fund -> fund.fund().isEmpty() ? fund : fund.withBalance(balances.apply(fund.fund())))
					.toList(),
				this.offices, this.reasons, this.sample);
	}

}
