package org.passage.decisiontables;

import org.springframework.lang.Nullable;

/**
 * The scenarios a version is tried on, and where they come from: its own (uploaded with
 * it, or added to it), the newest that a version in effect brought (inherited), or the
 * ones shipped with Passage.
 *
 * @param origin OWN, INHERITED or SHIPPED
 * @param fromVersion the version they were uploaded with, unless shipped
 * @param csv the file, as {@code scenarios.csv} holds it
 */
public record VersionScenarios(Origin origin, @Nullable Long fromVersion, byte[] csv) {

	/** Where a version's scenarios come from. */
	public enum Origin {

		OWN, INHERITED, SHIPPED

	}

	public VersionScenarios {
		csv = csv.clone();
	}

	@Override
	public byte[] csv() {
		return this.csv.clone();
	}

}
