package org.passage.decisions.web;

/** The shape of a case reference such as {@code VOT-2026-000123}. */
final class CaseIds {

	static final String PATTERN = "[A-Z]{2,5}-\\d{4}-\\d{6}";

	private CaseIds() {
	}

}
