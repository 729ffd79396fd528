package org.passage.rules.facts;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The declared domain of a numeric input. Validation rejects values outside it, and the
 * table analyser searches it for gaps, so the two can never disagree.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.RECORD_COMPONENT)
public @interface Bounds {

	/**
	 * The largest amount of money Passage takes anywhere, in any currency: far above any
	 * one case's assistance, low enough that no amount ever needs more than 10 digits.
	 */
	String MONEY_MAX = "10000000.00";

	/** Smallest allowed value, inclusive. */
	String min() default "0";

	/** Largest allowed value, inclusive; empty when there is none. */
	String max() default "";

	/** Decimal places allowed: 0 for counts, 2 for money. */
	int scale() default 0;

}
