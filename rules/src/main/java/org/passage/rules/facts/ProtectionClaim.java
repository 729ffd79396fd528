package org.passage.rules.facts;

/** A claim to international protection; any claim means no return until assessed. */
public enum ProtectionClaim {

	NONE, ASYLUM_SEEKER, REFUGEE, FEARS_RETURN

}
