package io.hubd.daemon.limits;

import java.time.Duration;
import java.util.Objects;

/** {@code capacity} requests per {@code period}, refilled gradually; a full bucket allows a burst of capacity. */
public record RateLimit(long capacity, Duration period) {
  public RateLimit {
    if (capacity < 1) {
      throw new IllegalArgumentException("a rate limit's capacity must be at least 1, got " + capacity);
    }
    Objects.requireNonNull(period, "period == null");
    if (period.isNegative() || period.isZero()) {
      throw new IllegalArgumentException("a rate limit's period must be positive, got " + period);
    }
  }
}
