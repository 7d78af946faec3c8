package io.hubd.daemon.rebalance;

import java.math.BigInteger;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;

/** Quotes R2C fees by a token's {@link TokenPolicy#fee}, each valid for {@code ttl} from now. Immutable and thread-safe. */
public final class FeeQuoter {
  private final Clock clock;
  private final Duration ttl;

  public FeeQuoter(Clock clock, Duration ttl) {
    this.clock = Objects.requireNonNull(clock, "clock == null");
    Objects.requireNonNull(ttl, "ttl == null");
    if (ttl.isNegative() || ttl.isZero()) {
      throw new IllegalArgumentException("ttl must be positive: " + ttl);
    }
    this.ttl = ttl;
  }

  public FeeQuote quote(TokenPolicy policy, BigInteger amount) {
    Objects.requireNonNull(policy, "policy == null");
    return new FeeQuote(policy.fee(amount), clock.instant().plus(ttl));
  }
}
