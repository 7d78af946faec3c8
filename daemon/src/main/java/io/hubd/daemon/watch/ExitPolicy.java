package io.hubd.daemon.watch;

import java.math.BigInteger;
import java.time.Duration;
import java.util.Objects;

/**
 * A token's rule for taking back collateral from a user who stopped answering: hub free collateral above
 * {@code reclaimThreshold} whose C2R proposal has waited {@code after} unsigned is reclaimed by a dispute with the
 * user's latest co-signed state. Immutable.
 */
public record ExitPolicy(Duration after, BigInteger reclaimThreshold) {
  public ExitPolicy {
    Objects.requireNonNull(after, "after == null");
    if (after.isNegative() || after.isZero()) {
      throw new IllegalArgumentException("after must be positive: " + after);
    }
    Objects.requireNonNull(reclaimThreshold, "reclaimThreshold == null");
    if (reclaimThreshold.signum() < 0) {
      throw new IllegalArgumentException("reclaimThreshold must not be negative: " + reclaimThreshold);
    }
  }
}
