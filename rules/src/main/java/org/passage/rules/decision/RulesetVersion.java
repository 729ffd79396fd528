package org.passage.rules.decision;

/**
 * Identifies exactly which tables decided: a label for people, a content hash for replay.
 *
 * @param label a human label such as {@code gaf-eligibility v1}
 * @param hash SHA-256 over the table bytes, hex encoded
 */
public record RulesetVersion(String label, String hash) {

	@Override
	public String toString() {
		return this.label + " (" + this.hash.substring(0, 12) + ")";
	}

}
