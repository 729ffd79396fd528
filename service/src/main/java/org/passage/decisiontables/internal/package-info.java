/**
 * Where rulesets come from: the shipped tables (one folder per programme, as the rules'
 * programme registry names it), the stored versions and their activations, and the engine
 * built from them at start. Not for other modules.
 */
package org.passage.decisiontables.internal;
