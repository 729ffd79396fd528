/**
 * The rulesets Passage decides with: the shipped reference tables, every version ever
 * compiled (kept for replay), which one is live per programme, and the engine built from
 * them.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Decision tables")
package org.passage.decisiontables;
