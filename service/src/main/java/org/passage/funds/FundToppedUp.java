package org.passage.funds;

/** A fund was opened or its budget raised: cases waiting for it may decide again. */
public record FundToppedUp(String fundId) {
}
