package org.passage.funds;

import java.math.BigDecimal;

import org.passage.rules.decision.Programme;

/**
 * A budget for one programme, office and year, and what is already promised or spent from
 * it.
 */
public record Fund(String id, Programme programme, String office, int year, BigDecimal budget, BigDecimal reserved,
		BigDecimal committed) {

	@com.fasterxml.jackson.annotation.JsonProperty("balance")
	public BigDecimal balance() {
		return this.budget.subtract(this.reserved).subtract(this.committed);
	}

	/** Funds are named by programme, office and year: {@code GAF-TUN-2026}. */
	public static String idOf(Programme programme, String office, int year) {
		return programme.name() + "-" + office + "-" + year;
	}

}
