/**
 * Passage's decision engine: input facts, decision tables compiled by Drools at run time,
 * and decisions that explain themselves. Plain Java; no Spring, Camunda or database here.
 */
package org.passage.rules;
