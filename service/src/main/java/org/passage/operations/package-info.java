/**
 * What operators watch: readiness that means the service can decide (database, job
 * executor, a live ruleset for every programme) and gauges of the work in hand (cases by
 * state, job backlog, incidents, fund balances). Reads other modules through their public
 * services; changes nothing.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Operations")
package org.passage.operations;
