/**
 * The fund ledger: budgets per programme, office and year; approval reserves, delivery
 * commits, cancellation releases. The database refuses any change that would overspend a
 * fund. A top-up is announced ({@link org.passage.funds.FundToppedUp}) so that waiting
 * cases decide again.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Funds")
package org.passage.funds;
