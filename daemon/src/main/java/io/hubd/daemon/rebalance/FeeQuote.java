package io.hubd.daemon.rebalance;

import java.math.BigInteger;
import java.time.Instant;
import java.util.Objects;

/**
 * The fee hubd asks for one R2C request, valid until {@code expiresAt}. Immutable.
 *
 * @param amount the fee in the token's base units, at least 0
 * @param expiresAt the first instant at which the quote no longer holds
 */
public record FeeQuote(BigInteger amount, Instant expiresAt) {
  public FeeQuote {
    Exposure.nonNegative(amount, "amount");
    Objects.requireNonNull(expiresAt, "expiresAt == null");
  }

  public boolean isValidAt(Instant now) {
    return now.isBefore(expiresAt);
  }
}
