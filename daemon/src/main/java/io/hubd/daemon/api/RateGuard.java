package io.hubd.daemon.api;

import io.hubd.daemon.limits.KeyedRateLimiter;
import io.hubd.daemon.limits.RateDecision;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * One rate limit of the API: takes a request's worth from a key's bucket (and the shared one behind it) or refuses
 * with {@code RATE_LIMITED} (429), {@code Retry-After} in whole seconds rounded up, and which bucket refused
 * ({@code details.scope}: the key's kind, {@code global}, or {@code capacity} when no bucket is free for a new key).
 * Thread-safe.
 */
final class RateGuard {
  private final String what;
  private final KeyedRateLimiter limiter;

  /**
   * @param what what the key is, for messages: {@code counterparty}, {@code recipient}, {@code client}
   */
  RateGuard(String what, KeyedRateLimiter limiter) {
    this.what = Objects.requireNonNull(what, "what == null");
    this.limiter = Objects.requireNonNull(limiter, "limiter == null");
  }

  void acquire(String key) {
    RateDecision decision = limiter.tryAcquire(key);
    if (decision.allowed()) {
      return;
    }
    String scope;
    String message;
    switch (decision.scope()) {
      case PER_KEY -> {
        scope = what;
        message = "too many requests for this " + what + "; retry later";
      }
      case CAPACITY -> {
        scope = "capacity";
        message = "too many " + what + "s are being rate limited at once; retry later";
      }
      default -> {
        scope = "global";
        message = "too many requests from all " + what + "s together; retry later";
      }
    }
    throw new ApiException(ErrorCode.RATE_LIMITED, message,
        Map.of("scope", scope, "retryAfterSeconds", ErrorRendering.seconds(decision.retryAfter())),
        Optional.of(decision.retryAfter()));
  }
}
