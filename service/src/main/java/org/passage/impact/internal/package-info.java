/** The simulations' table and the replay's counters. Not for other modules. */
package org.passage.impact.internal;
