package org.passage.rules.engine;

import java.math.BigDecimal;

import org.passage.rules.decision.Delivery;
import org.passage.rules.decision.Tier;
import org.passage.rules.facts.ReintegrationInput;

/**
 * The table vocabulary of reintegration packages: a tier, then rates the tables set and
 * the household size multiplies. The formulas are fixed here; every number is the
 * table's.
 */
public class ReintegrationDraft extends Draft {

	private final ReintegrationInput input;

	private Tier tier;

	private BigDecimal cashPerAdult = BigDecimal.ZERO;

	private BigDecimal cashPerChild = BigDecimal.ZERO;

	private BigDecimal inKindBase = BigDecimal.ZERO;

	private BigDecimal inKindPerDependant = BigDecimal.ZERO;

	private BigDecimal inKindCap;

	private Delivery delivery;

	private int monitoringMonths;

	public ReintegrationDraft(ReintegrationInput input) {
		this.input = input;
	}

	@Override
	Outcome snapshot() {
		return new Outcome(this.decision, this.route, this.tier, grantedAmount(), this.approvalLevel, false);
	}

	@Override
	protected boolean fundsInsufficient() {
		return false;
	}

	public void tier(Tier value) {
		this.tier = value;
	}

	public void cashPerAdult(double rate) {
		this.cashPerAdult = amount(rate);
	}

	public void cashPerChild(double rate) {
		this.cashPerChild = amount(rate);
	}

	public void inKindBase(double base) {
		this.inKindBase = amount(base);
	}

	public void inKindPerDependant(double rate) {
		this.inKindPerDependant = amount(rate);
	}

	public void inKindCap(double cap) {
		this.inKindCap = amount(cap);
	}

	public void delivery(Delivery value) {
		this.delivery = value;
	}

	public void monitoringMonths(int months) {
		this.monitoringMonths = months;
	}

	Tier tier() {
		return this.tier;
	}

	Delivery delivery() {
		return this.delivery;
	}

	int monitoringMonths() {
		return this.monitoringMonths;
	}

	/**
	 * Arrival cash: a rate per adult and per child; the in-kind cap never applies to it.
	 */
	BigDecimal arrivalCash() {
		return this.cashPerAdult.multiply(BigDecimal.valueOf(this.input.adults()))
			.add(this.cashPerChild.multiply(BigDecimal.valueOf(this.input.children())));
	}

	/**
	 * In-kind budget: a base plus a rate per dependant, capped when the table sets a cap.
	 */
	BigDecimal inKindBudget() {
		BigDecimal budget = this.inKindBase
			.add(this.inKindPerDependant.multiply(BigDecimal.valueOf(this.input.dependants())));
		return this.inKindCap == null ? budget : budget.min(this.inKindCap);
	}

	private BigDecimal grantedAmount() {
		return arrivalCash().add(inKindBudget());
	}

}
