package org.passage.cases;

/**
 * Protection screening of a stranded migrant found signs of trafficking: a linked VoT
 * case for the same person is to be opened in the same office.
 */
public record TraffickingSuspected(String strandedCase) {
}
