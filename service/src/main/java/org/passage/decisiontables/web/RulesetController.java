package org.passage.decisiontables.web;

import java.util.Arrays;
import java.util.List;

import org.passage.rules.decision.Programme;
import org.passage.rules.engine.DecisionEngine;
import org.passage.rules.engine.Ruleset;
import io.swagger.v3.oas.annotations.Operation;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** Which tables decide right now. */
@RestController
@RequestMapping("/api/v1/rulesets")
class RulesetController {

	private final DecisionEngine engine;

	RulesetController(DecisionEngine engine) {
		this.engine = engine;
	}

	/**
	 * A live ruleset.
	 *
	 * @param programme the programme it decides
	 * @param label its human label
	 * @param contentHash the SHA-256 every decision it makes records
	 * @param rules how many table rows it compiled into rules
	 */
	record LiveRuleset(Programme programme, String label, String contentHash, int rules) {
	}

	@GetMapping
	@Operation(summary = "The ruleset that decides each programme right now")
	List<LiveRuleset> live() {
		return Arrays.stream(Programme.values()).map(this.engine::active).map(RulesetController::describe).toList();
	}

	private static LiveRuleset describe(Ruleset ruleset) {
		return new LiveRuleset(ruleset.programme(), ruleset.version().label(), ruleset.version().hash(),
				ruleset.ruleCount());
	}

}
