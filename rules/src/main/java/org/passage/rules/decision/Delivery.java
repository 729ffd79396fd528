package org.passage.rules.decision;

/** How a reintegration package is delivered; IN_KIND pays no cash to the returnee. */
public enum Delivery {

	IN_KIND, MIXED

}
