/**
 * Cases: one person's case (reference, office, typed status, consent, the facts its forms
 * gave the decisions, notes, timeline), the person kept apart and read under audit, and
 * Passage's record of every step: who completed it, who prepared what is approved, the
 * decisions the case's process made and their approvals.
 * {@link org.passage.cases.CaseService} is the one writer of these tables. Process steps
 * find their case by their process tree, never by a variable; the engine's variables are
 * an allow-list of ids and routing flags ({@link org.passage.cases.ProcessVariables}).
 */
@org.springframework.modulith.ApplicationModule(displayName = "Cases")
package org.passage.cases;
