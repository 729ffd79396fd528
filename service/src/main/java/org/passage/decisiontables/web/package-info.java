/** Which rulesets decide right now, over HTTP. */
package org.passage.decisiontables.web;
