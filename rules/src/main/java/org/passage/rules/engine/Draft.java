package org.passage.rules.engine;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

import org.kie.api.runtime.rule.RuleContext;
import org.passage.rules.decision.ApprovalLevel;
import org.passage.rules.decision.Component;
import org.passage.rules.decision.Eligibility;
import org.passage.rules.decision.Priority;
import org.passage.rules.decision.Route;

/**
 * The decision under construction during one evaluation, bound as the global {@code out}.
 * Its public methods are the vocabulary of table actions: policy staff write
 * {@code out.decide(Eligibility.$param);} in a template row, never Java elsewhere. One
 * draft serves one evaluation on one thread.
 */
public abstract class Draft {

	/** A table row that applied and gave a reason. */
	record Hit(String code, String table, String row) {
	}

	protected Eligibility decision;

	protected Route route;

	protected final Set<Component> components = EnumSet.noneOf(Component.class);

	protected BigDecimal grantedAmount = BigDecimal.ZERO;

	protected ApprovalLevel approvalLevel;

	protected Priority priority;

	private final List<Hit> hits = new ArrayList<>(4);

	private String table;

	/** The stage now running: reasons name its table. */
	void enter(String tableName) {
		this.table = tableName;
	}

	/** The state so far, for the rows of the next stage to match on. */
	Outcome snapshot() {
		return new Outcome(this.decision, this.route, null, this.grantedAmount, this.approvalLevel,
				fundsInsufficient());
	}

	List<Hit> hits() {
		return this.hits;
	}

	/** Whether the amount granted so far exceeds the fund the input says is available. */
	protected abstract boolean fundsInsufficient();

	public void decide(Eligibility eligibility) {
		this.decision = eligibility;
	}

	public void route(Route to) {
		this.route = to;
	}

	public void grant(Component... granted) {
		this.components.addAll(List.of(granted));
	}

	public void approval(ApprovalLevel level) {
		this.approvalLevel = level;
	}

	public void approvalAtLeast(ApprovalLevel level) {
		this.approvalLevel = this.approvalLevel == null ? level : this.approvalLevel.atLeast(level);
	}

	public void priority(Priority value) {
		this.priority = value;
	}

	/** Records the row's reason code; {@code drools} tells which row it is. */
	public void because(RuleContext drools, String code) {
		this.hits.add(new Hit(code, this.table, drools.getRule().getName()));
	}

	/**
	 * Records the row's reason code where {@code drools} is the executable model's
	 * {@code org.drools.model.Drools} (ADR 0008 measured that build), which is not a
	 * {@link RuleContext} but gives one.
	 */
	public void because(Object drools, String code) {
		if (drools instanceof RuleContext context) {
			because(context, code);
			return;
		}
		try {
			because((RuleContext) drools.getClass()
				.getMethod("getContext", Class.class)
				.invoke(drools, RuleContext.class), code);
		}
		catch (ReflectiveOperationException | ClassCastException ex) {
			throw new IllegalStateException("Cannot tell which row gave reason " + code, ex);
		}
	}

	/** An amount typed in a table cell, exactly as typed. */
	protected static BigDecimal amount(double typed) {
		return BigDecimal.valueOf(typed);
	}

}
