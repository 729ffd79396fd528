package org.passage.rules.engine;

import org.passage.rules.facts.HasmInput;

/** The table vocabulary of HASM decisions: the grant is the estimated cost of return. */
public class HasmDraft extends Draft {

	private final HasmInput input;

	public HasmDraft(HasmInput input) {
		this.input = input;
	}

	@Override
	protected boolean fundsInsufficient() {
		return this.grantedAmount.compareTo(this.input.fundBalance()) > 0;
	}

	/** Grants the estimated cost of the return. */
	public void payEstimatedCost() {
		this.grantedAmount = this.input.estimatedCost();
	}

}
