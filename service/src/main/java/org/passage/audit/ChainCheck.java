package org.passage.audit;

/**
 * The result of checking the audit trail's hash chain.
 *
 * @param rows how many rows were checked
 * @param firstBroken the id of the first row whose hash does not follow from the rows
 * before it and its own content (changed, inserted, or after a removed row); null when
 * the chain is intact
 * @param head the hash of the last row, in hex: written down elsewhere, it shows later
 * whether rows were removed from the end
 */
public record ChainCheck(boolean intact, long rows, Long firstBroken, String head) {
}
