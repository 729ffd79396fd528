package org.passage.rules.engine;

/**
 * One step of an evaluation: a rule table run as a Drools ruleflow group.
 *
 * @param group the ruleflow group
 * @param table the table's name, for reasons
 * @param firstHit whether exactly one row must decide
 * @param readsOutcome whether a condition of the table reads the {@link Outcome} of the
 * stages before it; a table that reads only the input may fire together with the stage
 * before it
 * @param matchesOutcome whether a compiled row of the table has an {@link Outcome}
 * pattern: one that reads it, or a row without conditions, which matches on it to fire
 * once per decision ({@link RulesetCompiler#matchEveryStage}); a fire whose stages have
 * none needs no outcome inserted
 */
record Stage(String group, String table, boolean firstHit, boolean readsOutcome, boolean matchesOutcome) {
}
