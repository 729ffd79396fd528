package org.passage.rules.engine;

import java.util.EnumSet;
import java.util.List;

import org.passage.rules.decision.Component;
import org.passage.rules.facts.GafInput;

/** The table vocabulary of GAF decisions: grants drawn from what the case requested. */
public class GafDraft extends Draft {

	private final GafInput input;

	public GafDraft(GafInput input) {
		this.input = input;
	}

	@Override
	protected boolean fundsInsufficient() {
		return this.grantedAmount.compareTo(this.input.fundBalance()) > 0;
	}

	/** Grants every requested service. */
	public void grantRequested() {
		this.components.addAll(this.input.requested());
	}

	/** Grants the requested services that are among {@code allowed}: the intersection. */
	public void grantRequestedAmong(Component... allowed) {
		EnumSet<Component> granted = EnumSet.copyOf(this.input.requested());
		granted.retainAll(List.of(allowed));
		this.components.addAll(granted);
	}

	/** Pays the requested amount, for the services granted; nothing when none is. */
	public void payRequested() {
		this.grantedAmount = this.components.isEmpty() ? java.math.BigDecimal.ZERO : this.input.requestedAmount();
	}

	/**
	 * Pays the requested amount up to {@code cap}, for the services granted; nothing when
	 * none is.
	 */
	public void payRequestedUpTo(double cap) {
		payRequested();
		this.grantedAmount = this.grantedAmount.min(amount(cap));
	}

}
