package org.passage.decisiontables;

/**
 * A lifecycle action Passage refuses, with the request field at fault and a sentence for
 * the person who asked.
 */
public class LifecycleRefused extends RuntimeException {

	/** Why an action is refused. */
	public enum Why {

		/** The version is not in a status that allows the action. */
		WRONG_STATUS,
		/** Four eyes: the author may not approve their own version. */
		OWN_VERSION,
		/** The draft's tables have validation findings. */
		HAS_FINDINGS,
		/** A version with the same files is stored already. */
		DUPLICATE

	}

	private final Why why;

	private final String field;

	public LifecycleRefused(Why why, String field, String message) {
		super(message);
		this.why = why;
		this.field = field;
	}

	public Why why() {
		return this.why;
	}

	/** The request field at fault. */
	public String field() {
		return this.field;
	}

}
