package org.passage.decisiontables.internal;

import java.util.ArrayList;
import java.util.List;

import org.passage.rules.decision.Programme;
import org.passage.rules.engine.DecisionEngine;
import org.passage.rules.engine.Ruleset;
import org.passage.rules.engine.RulesetCompiler;
import org.passage.rules.table.TableFile;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Builds the decision engine at start: for each programme, the version live in the
 * database, or, on a fresh database, the shipped tables, which are stored and activated.
 */
@Configuration(proxyBeanMethods = false)
class LiveRulesets {

	private static final Logger log = LoggerFactory.getLogger(LiveRulesets.class);

	private static final String SYSTEM = "system";

	@Bean
	DecisionEngine decisionEngine(RulesetStore store, ShippedTables shipped) {
		List<Ruleset> live = new ArrayList<>();
		for (Programme programme : Programme.values()) {
			live.add(store.active(programme).map(active -> {
				return active.compile(store.files(active.id())).orThrow();
			}).orElseGet(() -> {
				List<TableFile> files = shipped.files(programme);
				Ruleset ruleset = RulesetCompiler.compile(programme, ShippedTables.label(programme), files).orThrow();
				long id = store.save(programme, ruleset.version().label(), ruleset.version().hash(), "SHIPPED", SYSTEM,
						files);
				store.activate(id, programme, SYSTEM);
				return ruleset;
			}));
		}
		live.forEach(ruleset -> log.info("Live ruleset for {}: {}, {} rules", ruleset.programme(), ruleset.version(),
				ruleset.ruleCount()));
		return new DecisionEngine(live);
	}

}
