/**
 * The money steps of the case processes: the three decisions (inputs from the case's
 * facts and the fund ledger, never from the process), and the reservation and commitment
 * of funds.
 */
package org.passage.eligibility;
