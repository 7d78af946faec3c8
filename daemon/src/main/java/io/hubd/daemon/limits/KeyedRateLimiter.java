package io.hubd.daemon.limits;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Policy;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;
import io.github.bucket4j.TimeMeter;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Bucket4j rate limiting by key (a counterparty, a recipient, a client address) under an optional global bucket.
 * The caller's own bucket is asked first, so a flood from one key is refused there and never drains the global
 * bucket that everybody else shares.
 *
 * <p>Keys' buckets live in a bounded Caffeine cache that never hands a throttled key a fresh bucket: an entry
 * expires only after a whole {@code perKey.period()} without a request for its key, and a greedy bucket has refilled
 * completely by then, so dropping it loses nothing. Nothing else removes an entry: at most {@code maxKeys} buckets
 * are kept, and while that many keys are active a key without a bucket is refused ({@link RateDecision.Scope#CAPACITY},
 * retry once the oldest entry expires) instead of any bucket being dropped early. Thread-safe.
 */
public final class KeyedRateLimiter {
  private final RateLimit perKey;
  private final Optional<Bucket> global;
  private final TimeMeter time;
  private final int maxKeys;
  private final Cache<String, Bucket> buckets;
  private final Object admission = new Object();
  private volatile Consumer<RateDecision> refusals = d -> {};

  public KeyedRateLimiter(RateLimit perKey, Optional<RateLimit> global, int maxKeys, TimeMeter time) {
    this.perKey = Objects.requireNonNull(perKey, "perKey == null");
    this.time = Objects.requireNonNull(time, "time == null");
    if (maxKeys < 1) {
      throw new IllegalArgumentException("maxKeys < 1: " + maxKeys);
    }
    this.maxKeys = maxKeys;
    this.global = global.map(this::bucket);
    this.buckets = Caffeine.newBuilder()
        .expireAfterAccess(perKey.period())
        .ticker(time::currentTimeNanos)
        .executor(Runnable::run) // maintenance on the caller's thread: no pool, and tests see expiry at once
        .build();
  }

  /** A limiter on the system clock. */
  public static KeyedRateLimiter create(RateLimit perKey, Optional<RateLimit> global, int maxKeys) {
    return new KeyedRateLimiter(perKey, global, maxKeys, TimeMeter.SYSTEM_MILLISECONDS);
  }

  /** Told of every refusal (e.g. to count it); runs on the caller's thread and must be quick. */
  public KeyedRateLimiter onRefusal(Consumer<RateDecision> listener) {
    this.refusals = Objects.requireNonNull(listener, "listener == null");
    return this;
  }

  /** Takes one request's worth from {@code key}'s bucket and then from the global bucket. */
  public RateDecision tryAcquire(String key) {
    Objects.requireNonNull(key, "key == null");
    Optional<Bucket> found = bucketOf(key);
    if (found.isEmpty()) {
      return refused(new RateDecision(false, untilAKeyExpires(), RateDecision.Scope.CAPACITY));
    }
    Bucket own = found.get();
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

  /** How many keys' buckets are kept now (expired ones may still count until the cache is next maintained). */
  public long keys() {
    return buckets.estimatedSize();
  }

  /** {@code key}'s bucket, a new one when the key has none and there is room; empty when there is none. */
  private Optional<Bucket> bucketOf(String key) {
    Bucket bucket = buckets.getIfPresent(key);
    if (bucket != null) {
      return Optional.of(bucket);
    }
    synchronized (admission) {
      bucket = buckets.getIfPresent(key);
      if (bucket != null) {
        return Optional.of(bucket);
      }
      if (buckets.estimatedSize() >= maxKeys) {
        buckets.cleanUp(); // drops the entries that expired; never one that has not
        if (buckets.estimatedSize() >= maxKeys) {
          return Optional.empty();
        }
      }
      bucket = bucket(perKey);
      buckets.put(key, bucket);
      return Optional.of(bucket);
    }
  }

  /** The wait until the least recently used entry expires and makes room (the whole period at most). */
  private Duration untilAKeyExpires() {
    Optional<Policy.FixedExpiration<String, Bucket>> expiry = buckets.policy().expireAfterAccess();
    Optional<Duration> wait = expiry.flatMap(e -> e.oldest(1).keySet().stream().findFirst()
        .flatMap(e::ageOf)
        .map(age -> e.getExpiresAfter().minus(age)));
    Duration d = wait.orElse(perKey.period());
    return d.isNegative() || d.isZero() ? Duration.ofMillis(1) : d;
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
