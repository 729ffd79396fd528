package org.passage.rules.engine;

/**
 * One step of an evaluation: a rule table run as a Drools ruleflow group.
 *
 * @param group the ruleflow group
 * @param table the table's name, for reasons
 * @param firstHit whether exactly one row must decide
 */
record Stage(String group, String table, boolean firstHit) {
}
