/**
 * How Passage runs: the quick-start mode on an embedded PostgreSQL, demo users, and the
 * operational basics. Nothing here knows a case or a decision.
 */
@org.springframework.modulith.ApplicationModule(displayName = "System")
package org.passage.system;
