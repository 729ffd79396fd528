package org.passage.cases;

import org.passage.rules.decision.Programme;

/**
 * The three kinds of case, the prefix of their references, their process and their fund.
 */
public enum CaseType {

	VOT("VOT", "vot-case", Programme.GAF), STRANDED_MIGRANT("SM", "stranded-migrant-case", Programme.HASM),
	AVRR("AVRR", "avrr-case", Programme.REINTEGRATION);

	private final String prefix;

	private final String processKey;

	private final Programme programme;

	CaseType(String prefix, String processKey, Programme programme) {
		this.prefix = prefix;
		this.processKey = processKey;
		this.programme = programme;
	}

	public String prefix() {
		return this.prefix;
	}

	public String processKey() {
		return this.processKey;
	}

	/** The programme whose decision the case's own process takes. */
	public Programme programme() {
		return this.programme;
	}

}
