package org.passage.decisions;

/**
 * Whether a calling system may record a decision for a Passage case. A case belongs to
 * its office: a system links a decision to it only when an operator granted the system
 * that office, so a system cannot write into case files it was never meant to touch. The
 * cases module answers (it knows cases and offices); this module only asks.
 */
public interface CaseLinks {

	/**
	 * True when {@code caseId} names no Passage case (the caller's own reference), or a
	 * case of an office {@code caller} is granted.
	 */
	boolean mayLink(String caller, String caseId);

}
