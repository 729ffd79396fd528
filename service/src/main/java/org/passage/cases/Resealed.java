package org.passage.cases;

/**
 * What a run of resealing did: how many people, notes, deliveries and timeline entries it
 * sealed again under the primary keys.
 */
public record Resealed(long people, long notes, long deliveries, long timelineEntries) {
}
