/**
 * How decisions are kept: the append-only {@code app.decision} table and the mapping of
 * the engine's sealed decisions onto {@code DecisionView}. Not for other modules.
 */
package org.passage.decisions.internal;
