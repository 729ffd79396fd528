/**
 * The audit trail: one append-only, hash-chained row for every read of a person's data
 * and every change to a case, written in the transaction of what it records, so that an
 * action whose row cannot be written fails. Answers the auditor's question "who looked at
 * this person's file" and checks that nobody changed the trail.
 * {@link org.passage.audit.AuditTrail} is the module's API.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Audit")
package org.passage.audit;
