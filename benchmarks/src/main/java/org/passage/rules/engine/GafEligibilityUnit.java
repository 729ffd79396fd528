package org.passage.rules.engine;

import org.drools.ruleunits.api.DataStore;
import org.drools.ruleunits.api.RuleUnitData;
import org.passage.rules.facts.GafInput;

/**
 * GAF's first fire as a rule unit ({@link GafRuleUnit}): the eligibility table, on the
 * input.
 */
public final class GafEligibilityUnit implements RuleUnitData {

	private final DataStore<GafInput> inputs;

	private GafDraft out;

	public GafEligibilityUnit(DataStore<GafInput> inputs) {
		this.inputs = inputs;
	}

	public DataStore<GafInput> getInputs() {
		return this.inputs;
	}

	/** The draft, as the unit's variable {@code out}; each decision sets its own. */
	public GafDraft getOut() {
		return this.out;
	}

}
