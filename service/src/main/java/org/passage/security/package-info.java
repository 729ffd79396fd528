/**
 * Who may do what: accounts and roles in Camunda's identity service (a group is a role),
 * HTTP access to the Passage API, and the lock-down of the engine's own surfaces, which
 * are operators' tools: no staff sign-in to Camunda's webapps, no engine authorizations
 * for staff, no REST deployment by default, expressions limited to process steps (ADR
 * 0006).
 */
@org.springframework.modulith.ApplicationModule(displayName = "Security")
package org.passage.security;
