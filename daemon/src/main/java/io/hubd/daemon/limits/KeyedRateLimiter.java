package io.hubd.daemon.limits;

import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;
import io.github.bucket4j.TimeMeter;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Bucket4j rate limiting by key (a counterparty, a recipient, a client address) under an optional global bucket.
 * The caller's own bucket is asked first, so a flood from one key is refused there and never drains the global
 * bucket that everybody else shares. Buckets of the {@code maxKeys} most recent keys are kept (least recently used
 * dropped). Thread-safe.
 */
public final class KeyedRateLimiter {
  private final RateLimit perKey;
  private final Optional<Bucket> global;
  private final TimeMeter time;
  private final Map<String, Bucket> buckets;
  private volatile java.util.function.Consumer<RateDecision> refusals = d -> {};

  public KeyedRateLimiter(RateLimit perKey, Optional<RateLimit> global, int maxKeys, TimeMeter time) {
    this.perKey = Objects.requireNonNull(perKey, "perKey == null");
    this.time = Objects.requireNonNull(time, "time == null");
    if (maxKeys < 1) {
      throw new IllegalArgumentException("maxKeys < 1: " + maxKeys);
    }
    this.global = global.map(this::bucket);
    this.buckets = new LinkedHashMap<>(256, 0.75f, true) {
      @Override
      protected boolean removeEldestEntry(Map.Entry<String, Bucket> eldest) {
        return size() > maxKeys;
      }
    };
  }

  /** A limiter on the system clock. */
  public static KeyedRateLimiter create(RateLimit perKey, Optional<RateLimit> global, int maxKeys) {
    return new KeyedRateLimiter(perKey, global, maxKeys, TimeMeter.SYSTEM_MILLISECONDS);
  }

  /** Told of every refusal (e.g. to count it); runs on the caller's thread and must be quick. */
  public KeyedRateLimiter onRefusal(java.util.function.Consumer<RateDecision> listener) {
    this.refusals = Objects.requireNonNull(listener, "listener == null");
    return this;
  }

  /** Takes one request's worth from {@code key}'s bucket and then from the global bucket. */
  public RateDecision tryAcquire(String key) {
    Objects.requireNonNull(key, "key == null");
    Bucket own;
    synchronized (buckets) {
      own = buckets.computeIfAbsent(key, k -> bucket(perKey));
    }
    ConsumptionProbe probe = own.tryConsumeAndReturnRemaining(1);
    if (!probe.isConsumed()) {
      return refused(new RateDecision(false, Duration.ofNanos(probe.getNanosToWaitForRefill()),
          RateDecision.Scope.PER_KEY));
    }
    if (global.isPresent()) {
      ConsumptionProbe shared = global.get().tryConsumeAndReturnRemaining(1);
      if (!shared.isConsumed()) {
        own.addTokens(1); // the request did not happen; do not charge the caller for it
        return refused(new RateDecision(false, Duration.ofNanos(shared.getNanosToWaitForRefill()),
            RateDecision.Scope.GLOBAL));
      }
    }
    return RateDecision.ALLOWED;
  }

  private RateDecision refused(RateDecision decision) {
    refusals.accept(decision);
    return decision;
  }

  private Bucket bucket(RateLimit limit) {
    return Bucket.builder()
        .withCustomTimePrecision(time)
        .addLimit(b -> b.capacity(limit.capacity()).refillGreedy(limit.capacity(), limit.period()))
        .build();
  }
}
