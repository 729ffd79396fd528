/**
 * The fund ledger: budgets per programme, office and year; approval reserves, delivery
 * commits, cancellation releases. The database refuses any change that would overspend a
 * fund.
 */
package org.passage.funds;
