package org.passage.decisiontables;

/**
 * A lifecycle action Passage refuses, with the request field at fault and a sentence for
 * the person who asked: in English for the API, and as a message key with its arguments
 * for the pages, which say it in the reader's language.
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
		DUPLICATE,
		/** The request itself is wrong: a value out of place, whatever the state. */
		INVALID

	}

	private final Why why;

	private final String field;

	private final String key;

	private final Object[] args;

	/**
	 * @param message the sentence in English
	 * @param key the same sentence's key in the pages' messages, under
	 * {@code policy.refused.}
	 * @param args its arguments
	 */
	public LifecycleRefused(Why why, String field, String message, String key, Object... args) {
		super(message);
		this.why = why;
		this.field = field;
		this.key = "policy.refused." + key;
		this.args = args.clone();
	}

	public Why why() {
		return this.why;
	}

	/** The request field at fault. */
	public String field() {
		return this.field;
	}

	/** The sentence's message key, for the pages. */
	public String key() {
		return this.key;
	}

	public Object[] args() {
		return this.args.clone();
	}

}
