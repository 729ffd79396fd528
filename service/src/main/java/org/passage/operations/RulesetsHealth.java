package org.passage.operations;

import org.passage.decisiontables.Rulesets;
import org.passage.rules.decision.Programme;

import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.stereotype.Component;

/**
 * Down unless every programme has a live ruleset: a node that cannot decide is not ready.
 */
@Component("rulesetsHealthIndicator")
class RulesetsHealth implements HealthIndicator {

	private final Rulesets rulesets;

	RulesetsHealth(Rulesets rulesets) {
		this.rulesets = rulesets;
	}

	@Override
	public Health health() {
		Health.Builder health = Health.up();
		for (Programme programme : Programme.values()) {
			try {
				health.withDetail(programme.name(), this.rulesets.live(programme).ruleset().version().label());
			}
			catch (RuntimeException ex) {
				return Health.down().withDetail(programme.name(), "no live ruleset").build();
			}
		}
		return health.build();
	}

}
