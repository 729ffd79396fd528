/**
 * How Passage runs: the quick-start mode on an embedded PostgreSQL, demo users, and the
 * operational basics. Nothing here knows a case or a decision.
 */
package org.passage.system;
