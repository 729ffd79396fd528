/**
 * The money steps of the case processes: the fact contract of each decision (which facts
 * the forms supply, which Passage knows), the three decisions taken with typed inputs,
 * who may approve them, and the reservation and commitment of funds, all read from schema
 * {@code app}, never from the process.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Eligibility")
package org.passage.eligibility;
