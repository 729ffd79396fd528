package org.passage.ui;

import java.util.List;
import java.util.Locale;

import org.passage.decisions.DecisionView;
import org.passage.decisiontables.Rulesets;
import org.passage.rules.decision.Programme;
import org.springframework.stereotype.Component;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * A recorded decision's reasons in the reader's language, each with a link to the table
 * row that gave it. The wording comes from the ruleset version that made the decision
 * (its Reasons sheet), not from today's: the reasons read as they were decided.
 */
@Component("reasons")
class Reasons {

	/** One reason to show: its wording, its code, and where the row is. */
	record Shown(String code, String table, String row, String message, String href) {
	}

	private final Rulesets rulesets;

	Reasons(Rulesets rulesets) {
		this.rulesets = rulesets;
	}

	/**
	 * Reasons as version {@code id} of {@code programme} words them (an impact report's
	 * explanations, before and after).
	 */
	public List<Shown> of(String programme, long id, List<org.passage.impact.Impact.ReasonRef> reasons, Locale locale) {
		Rulesets.Versioned version = this.rulesets.version(id);
		return reasons.stream()
			.map(reason -> new Shown(reason.code(), reason.table(), reason.row(),
					version.ruleset().reasonMessage(reason.code(), locale),
					UriComponentsBuilder.fromPath("/rulesets/{programme}/versions/{id}")
						.queryParam("table", reason.table())
						.queryParam("row", reason.row())
						.fragment("row-" + reason.row())
						.buildAndExpand(programme.toLowerCase(Locale.ROOT), id)
						.encode()
						.toUriString()))
			.toList();
	}

	public List<Shown> of(DecisionView decision, Locale locale) {
		Programme programme = Programme.valueOf(decision.programme().toUpperCase(Locale.ROOT));
		Rulesets.Versioned version = this.rulesets.ofHash(programme, decision.rulesetVersion().hash());
		return decision.reasons()
			.stream()
			.map(reason -> new Shown(reason.code(), reason.table(), reason.row(),
					version.ruleset().reasonMessage(reason.code(), locale),
					UriComponentsBuilder.fromPath("/rulesets/{programme}/versions/{id}")
						.queryParam("table", reason.table())
						.queryParam("row", reason.row())
						.fragment("row-" + reason.row())
						.buildAndExpand(decision.programme(), version.id())
						.encode()
						.toUriString()))
			.toList();
	}

}
