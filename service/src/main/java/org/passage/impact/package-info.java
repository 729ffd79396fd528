/**
 * What a policy change would do: impact simulations, which replay the recorded decisions
 * of a period through a draft and through the version that made each of them and count
 * what changes (outcomes, approval levels, money per fund against its balance, offices,
 * reasons, a sample side by side), in the background; and recorded decisions turned into
 * a draft's scenarios. The replay itself ({@link org.passage.impact.ImpactReplay}) is
 * plain Java over JDBC, so a benchmark drives it as the service does.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Impact of a policy change")
package org.passage.impact;
