package org.passage.rules.decision;

import org.passage.rules.engine.ProgrammeDefinition;

/**
 * The three money decisions Passage makes. What each one decides, with which tables and
 * into which decision, is its {@link #definition()}: the one place that maps a programme
 * to its types and folder.
 */
public enum Programme {

	/** Global Assistance Fund eligibility, for trafficked persons. */
	GAF,
	/** Humanitarian Assistance to Stranded Migrants: return help. */
	HASM,
	/** The reintegration package of a returnee. */
	REINTEGRATION;

	/** This programme's input type, table vocabulary, table folder and decision type. */
	public ProgrammeDefinition<?, ?, ?> definition() {
		return ProgrammeDefinition.of(this);
	}

	/**
	 * The programme an input belongs to, e.g. {@code GAF} for a {@code GafInput}.
	 * @throws IllegalArgumentException if no programme decides inputs of its type
	 */
	public static Programme of(Record input) {
		for (Programme programme : values()) {
			if (programme.definition().inputType().isInstance(input)) {
				return programme;
			}
		}
		throw new IllegalArgumentException(
				"No programme decides " + (input == null ? "null" : input.getClass().getSimpleName()));
	}

}
