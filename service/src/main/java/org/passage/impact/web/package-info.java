/** Impact simulations and scenarios from recorded decisions, over HTTP. */
package org.passage.impact.web;
