package org.passage.impact;

import java.util.Locale;
import java.util.UUID;

import org.passage.decisions.DecisionService;
import org.passage.decisiontables.LifecycleRefused;
import org.passage.decisiontables.LifecycleRefused.Why;
import org.passage.decisiontables.PolicyChanges;
import org.passage.decisiontables.PolicyChanges.Report;
import org.passage.decisiontables.Rulesets;
import org.passage.decisiontables.Version;
import org.passage.rules.decision.Decision;
import org.passage.security.Allowed;
import org.springframework.lang.Nullable;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;

/**
 * Turns a recorded decision into a scenario of a draft: its input, and as the answer
 * either its outcome as recorded (decided again under the version that made it) or the
 * draft's, when staff confirm the change the draft makes.
 */
@Service
public class DecisionScenarios {

	/** Which answer the scenario expects. */
	public enum Expect {

		/** The decision as it was made: the draft must keep it. */
		RECORDED,
		/** The decision as the draft makes it: the change is meant. */
		DRAFT

	}

	private final DecisionService decisions;

	private final PolicyChanges changes;

	private final Rulesets rulesets;

	DecisionScenarios(DecisionService decisions, PolicyChanges changes, Rulesets rulesets) {
		this.decisions = decisions;
		this.changes = changes;
		this.rulesets = rulesets;
	}

	/** Adds decision {@code decisionId} to draft {@code id}'s scenarios. */
	@PreAuthorize(Allowed.POLICY_EDITORS)
	public Report add(long id, @Nullable UUID decisionId, @Nullable Expect expect, @Nullable String name, String by) {
		if (decisionId == null) {
			throw new LifecycleRefused(Why.INVALID, "decisionId", "Give the id of a recorded decision.", "decisionId");
		}
		Version draft = this.changes.version(id);
		DecisionService.Recorded recorded = this.decisions.recorded(decisionId);
		if (recorded.programme() != draft.programme()) {
			throw new LifecycleRefused(Why.INVALID, "decisionId",
					"Decision " + decisionId + " is a " + recorded.programme() + " decision; version " + id
							+ " decides " + draft.programme() + ".",
					"decisionProgramme", recorded.programme(), draft.programme());
		}
		Expect answer = expect == null ? Expect.RECORDED : expect;
		long version = answer == Expect.RECORDED ? recorded.rulesetId() : id;
		Decision expected = this.rulesets.version(version).ruleset().decide(recorded.input(), Locale.ENGLISH);
		String scenario = name == null || name.isBlank() ? "decision " + decisionId
				+ (answer == Expect.RECORDED ? ", as recorded: " : ", as the draft decides: ") + expected.decision()
				+ " " + String.join(" ", expected.reasonCodes()) : name;
		return this.changes.addScenario(id, scenario, recorded.input(), expected, by);
	}

}
