package org.passage.cases;

/**
 * The person a case is about: personal data, kept out of process variables and read under
 * audit.
 */
public record Person(String givenName, String familyName, Sex sex, Integer birthYear, String nationality) {

	public enum Sex {

		FEMALE, MALE, OTHER, UNKNOWN

	}

}
