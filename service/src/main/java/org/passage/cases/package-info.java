/**
 * Cases: the record of one person's case (reference, office, status, consent, facts the
 * forms recorded, notes, timeline), the person kept apart and read under audit, and the
 * process steps with effects on the case. Process variables carry the case reference,
 * never personal data.
 */
package org.passage.cases;
