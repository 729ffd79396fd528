package org.passage.web;

import java.io.IOException;

/** A request body over {@link RequestSizeLimit#MAX_BYTES}: a 413, read no further. */
public class PayloadTooLargeException extends IOException {

	public PayloadTooLargeException(long limit) {
		super("The body exceeds " + limit + " bytes.");
	}

}
