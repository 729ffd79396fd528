/**
 * Decisions, for the rest of Passage: {@link org.passage.decisions.DecisionService}
 * decides typed inputs of {@code org.passage.rules} ({@code GafInput}, {@code HasmInput},
 * {@code ReintegrationInput}) in the caller's transaction, records them for replay, and
 * answers with {@link org.passage.decisions.DecisionView}s. The HTTP API for other
 * systems (strict JSON, idempotency keys, batches) is the adapter in {@code web}; the
 * store and the view mapping are {@code internal}.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Decisions")
package org.passage.decisions;
