package org.passage.cases;

import java.util.HashSet;
import java.util.Locale;
import java.util.Set;

/**
 * A nationality as a three-letter code: a country of ISO 3166-1 alpha-3 (as the JDK knows
 * them), or one of the codes ICAO Doc 9303 adds for people without one, which Passage
 * meets often: {@code XXA} stateless person, {@code XXB} refugee (1951 Convention),
 * {@code XXC} other refugee, {@code XXX} unspecified.
 */
public final class Nationality {

	private static final Set<String> CODES = codes();

	private Nationality() {
	}

	public static boolean isKnown(String code) {
		return CODES.contains(code);
	}

	private static Set<String> codes() {
		Set<String> codes = new HashSet<>(Locale.getISOCountries(Locale.IsoCountryCode.PART1_ALPHA3));
		codes.addAll(Set.of("XXA", "XXB", "XXC", "XXX"));
		return Set.copyOf(codes);
	}

}
