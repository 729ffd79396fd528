package org.passage.impact.web;

import io.swagger.v3.oas.annotations.Operation;

import java.net.URI;
import java.security.Principal;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.passage.decisiontables.PolicyChanges.Report;
import org.passage.impact.DecisionScenarios;
import org.passage.impact.ImpactSimulations;
import org.passage.impact.Simulation;
import org.springframework.http.ResponseEntity;
import org.springframework.lang.Nullable;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * What a draft would change: impact simulations over recorded decisions, run in the
 * background (start, follow, cancel), and recorded decisions added to a draft's
 * scenarios. Policy editors and approvers.
 */
@RestController
@RequestMapping("/api/v1/rulesets")
@PreAuthorize("hasAnyRole('POLICY_EDITOR', 'POLICY_APPROVER')")
class ImpactController {

	private final ImpactSimulations simulations;

	private final DecisionScenarios scenarios;

	ImpactController(ImpactSimulations simulations, DecisionScenarios scenarios) {
		this.simulations = simulations;
		this.scenarios = scenarios;
	}

	/**
	 * The decisions to replay: evaluated in [from, to), of one office's cases or (absent)
	 * of all.
	 */
	record Period(@Nullable Instant from, @Nullable Instant to, @Nullable String office) {
	}

	/** A recorded decision to add to a draft's scenarios, and the answer it expects. */
	record FromDecision(@Nullable UUID decisionId, @Nullable DecisionScenarios.Expect expect, @Nullable String name) {
	}

	/** Starts a simulation; 202, and its progress is at the Location. */
	@PostMapping("/versions/{id}/simulations")
	@Operation(summary = "Start an impact simulation of a version over a period of recorded decisions")
	ResponseEntity<Simulation> start(@PathVariable long id, @RequestBody(required = false) @Nullable Period period,
			Principal user) {
		Period asked = period == null ? new Period(null, null, null) : period;
		Simulation simulation = this.simulations.start(id, asked.from(), asked.to(), asked.office(), user.getName());
		return ResponseEntity.accepted()
			.location(URI.create("/api/v1/rulesets/simulations/" + simulation.id()))
			.body(simulation);
	}

	@GetMapping("/versions/{id}/simulations")
	@Operation(summary = "A version's impact simulations")
	List<Simulation> simulations(@PathVariable long id) {
		return this.simulations.of(id);
	}

	@GetMapping("/simulations/{simulation}")
	@Operation(summary = "An impact simulation: its progress, then its report")
	Simulation simulation(@PathVariable long simulation) {
		return this.simulations.get(simulation);
	}

	@PostMapping("/simulations/{simulation}/cancel")
	@Operation(summary = "Cancel an impact simulation that is still running")
	Simulation cancel(@PathVariable long simulation, Principal user) {
		return this.simulations.cancel(simulation, user.getName());
	}

	/**
	 * The draft's author adds a recorded decision to its scenarios; its report at once.
	 */
	@PostMapping("/versions/{id}/scenarios/from-decision")
	@Operation(summary = "Turn a recorded decision into a scenario of a draft")
	@PreAuthorize("hasRole('POLICY_EDITOR')")
	Report fromDecision(@PathVariable long id, @RequestBody(required = false) @Nullable FromDecision request,
			Principal user) {
		FromDecision asked = request == null ? new FromDecision(null, null, null) : request;
		return this.scenarios.add(id, asked.decisionId(), asked.expect(), asked.name(), user.getName());
	}

}
