package org.passage.rules.facts;

/** An assessed risk, such as the risk of being trafficked again. */
public enum RiskLevel {

	LOW, MEDIUM, HIGH, NOT_ASSESSED

}
