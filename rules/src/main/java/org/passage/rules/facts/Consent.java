package org.passage.rules.facts;

/** The state of the person's informed consent to assistance. */
public enum Consent {

	GIVEN, PENDING, REFUSED, WITHDRAWN

}
