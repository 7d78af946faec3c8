package io.hubd.daemon.limits;

import java.time.Duration;
import java.util.Objects;

/** The outcome of asking a limiter for one request: allowed, or refused with when to retry and by which bucket. */
public record RateDecision(boolean allowed, Duration retryAfter, Scope scope) {
  /**
   * Which bucket refused: the caller's own, the one shared by everybody, or none because every bucket the limiter
   * may keep belongs to a key active within its period and the caller's key has none.
   */
  public enum Scope { NONE, PER_KEY, GLOBAL, CAPACITY }

  static final RateDecision ALLOWED = new RateDecision(true, Duration.ZERO, Scope.NONE);

  public RateDecision {
    Objects.requireNonNull(retryAfter, "retryAfter == null");
    Objects.requireNonNull(scope, "scope == null");
  }
}
