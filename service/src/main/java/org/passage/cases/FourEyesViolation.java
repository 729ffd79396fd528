package org.passage.cases;

/** Someone tried to approve what they prepared. The case API answers 403. */
public class FourEyesViolation extends RuntimeException {

	public FourEyesViolation(String message) {
		super(message);
	}

}
