/**
 * Benchmarks of Passage's decision engine. {@link org.passage.benchmarks.PlainJavaPolicy}
 * is the floor: reference policy v1 written by hand in Java, as fast as the policy can be
 * decided. It exists only to be measured against; the product decides with the tables.
 */
package org.passage.benchmarks;
