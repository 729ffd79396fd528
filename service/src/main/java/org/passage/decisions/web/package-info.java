/**
 * The decision API for other systems: evaluate, record (idempotently), batch, read, list
 * and replay decisions over HTTP. Requests are read strictly from JSON and mapped onto
 * the facts of {@code org.passage.rules} with MapStruct, so the API can evolve without
 * touching the engine. Each call is one transaction, begun here.
 */
package org.passage.decisions.web;
