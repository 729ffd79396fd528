package org.passage.cases;

/**
 * What a run of retention erased: how many people, and how many of their cases it
 * anonymised (and forgot in the engine's history).
 */
public record Erased(long people, long cases) {
}
