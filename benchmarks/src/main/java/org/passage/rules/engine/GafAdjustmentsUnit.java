package org.passage.rules.engine;

import org.drools.ruleunits.api.DataSource;
import org.drools.ruleunits.api.DataStore;
import org.drools.ruleunits.api.RuleUnitData;
import org.passage.rules.facts.GafInput;

/**
 * GAF's second fire as a rule unit ({@link GafRuleUnit}): adjustments and priority, on
 * the input and the outcome so far.
 */
public final class GafAdjustmentsUnit implements RuleUnitData {

	private final DataStore<GafInput> inputs;

	private final DataStore<Outcome> outcomes = DataSource.createStore();

	private GafDraft out;

	public GafAdjustmentsUnit(DataStore<GafInput> inputs) {
		this.inputs = inputs;
	}

	public DataStore<GafInput> getInputs() {
		return this.inputs;
	}

	public DataStore<Outcome> getOutcomes() {
		return this.outcomes;
	}

	/** The draft, as the unit's variable {@code out}; each decision sets its own. */
	public GafDraft getOut() {
		return this.out;
	}

}
