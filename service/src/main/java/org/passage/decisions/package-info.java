/**
 * The decision API for other systems: evaluate, record (idempotently), batch, read, list
 * and replay decisions. Requests map onto the facts of {@code org.passage.rules} with
 * MapStruct, so the API can evolve without touching the engine.
 */
package org.passage.decisions;
