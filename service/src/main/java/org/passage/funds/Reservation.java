package org.passage.funds;

import java.math.BigDecimal;
import java.time.OffsetDateTime;

/**
 * Money reserved for a case from one fund, and what became of it (committed, released).
 */
public record Reservation(String fund, BigDecimal amount, String status, BigDecimal spent, OffsetDateTime reservedAt) {
}
