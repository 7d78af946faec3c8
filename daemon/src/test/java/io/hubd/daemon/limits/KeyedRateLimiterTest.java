package io.hubd.daemon.limits;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class KeyedRateLimiterTest {
  private final ManualTime time = new ManualTime();

  @Test
  void refusesAKeyOverItsLimitAndSaysWhenToRetry() {
    KeyedRateLimiter limiter =
        new KeyedRateLimiter(new RateLimit(2, Duration.ofSeconds(10)), Optional.empty(), 100, time);
    assertThat(limiter.tryAcquire("alice").allowed()).isTrue();
    assertThat(limiter.tryAcquire("alice").allowed()).isTrue();
    RateDecision refused = limiter.tryAcquire("alice");
    assertThat(refused.allowed()).isFalse();
    assertThat(refused.scope()).isEqualTo(RateDecision.Scope.PER_KEY);
    assertThat(refused.retryAfter()).isEqualTo(Duration.ofSeconds(5));
    time.advance(Duration.ofSeconds(5));
    assertThat(limiter.tryAcquire("alice").allowed()).isTrue();
  }

  @Test
  void aFloodFromOneKeyDoesNotConsumeTheGlobalBucket() {
    KeyedRateLimiter limiter = new KeyedRateLimiter(
        new RateLimit(3, Duration.ofMinutes(1)), Optional.of(new RateLimit(10, Duration.ofMinutes(1))), 100, time);
    for (int i = 0; i < 1000; i++) {
      limiter.tryAcquire("mallory");
    }
    for (int i = 0; i < 7; i++) {
      assertThat(limiter.tryAcquire("user-" + i).allowed()).as("user %d", i).isTrue();
    }
  }

  @Test
  void globalRefusalDoesNotChargeTheCaller() {
    KeyedRateLimiter limiter = new KeyedRateLimiter(
        new RateLimit(2, Duration.ofDays(1)), Optional.of(new RateLimit(1, Duration.ofMinutes(1))), 100, time);
    assertThat(limiter.tryAcquire("a").allowed()).isTrue();
    RateDecision refused = limiter.tryAcquire("b");
    assertThat(refused.allowed()).isFalse();
    assertThat(refused.scope()).isEqualTo(RateDecision.Scope.GLOBAL);
    time.advance(Duration.ofMinutes(1));
    assertThat(limiter.tryAcquire("b").allowed()).isTrue();
    time.advance(Duration.ofMinutes(1));
    assertThat(limiter.tryAcquire("b").allowed()).as("b still holds its second token").isTrue();
    time.advance(Duration.ofMinutes(1));
    assertThat(limiter.tryAcquire("b").scope()).isEqualTo(RateDecision.Scope.PER_KEY);
  }

  @Test
  void aThrottledKeyStaysThrottledThroughAChurnOfMoreKeysThanTheCacheHolds() {
    KeyedRateLimiter limiter =
        new KeyedRateLimiter(new RateLimit(3, Duration.ofHours(1)), Optional.empty(), 100, time);
    for (int i = 0; i < 3; i++) {
      assertThat(limiter.tryAcquire("mallory").allowed()).isTrue();
    }
    assertThat(limiter.tryAcquire("mallory").scope()).isEqualTo(RateDecision.Scope.PER_KEY);

    int full = 0;
    for (int i = 0; i < 10_000; i++) { // 100 times what the cache holds, within one period
      time.advance(Duration.ofMillis(5));
      RateDecision d = limiter.tryAcquire("churn-" + i);
      if (d.scope() == RateDecision.Scope.CAPACITY) {
        full++;
        assertThat(d.retryAfter()).isPositive().isLessThanOrEqualTo(Duration.ofHours(1));
      }
    }

    assertThat(full).as("keys refused while every bucket is in use").isEqualTo(10_000 - 99);
    assertThat(limiter.keys()).isLessThanOrEqualTo(100);
    RateDecision mallory = limiter.tryAcquire("mallory");
    assertThat(mallory.allowed()).isFalse();
    assertThat(mallory.scope()).isEqualTo(RateDecision.Scope.PER_KEY);
  }

  @Test
  void aKeyRetryingThroughAChurnOfManyPeriodsGetsNoMoreThanItsBucketRefills() {
    KeyedRateLimiter limiter =
        new KeyedRateLimiter(new RateLimit(3, Duration.ofMinutes(1)), Optional.empty(), 100, time);
    int allowed = 0;
    for (int tick = 0; tick < 30_000; tick++) { // 5 minutes in steps of 10 ms: 30,000 distinct other keys
      time.advance(Duration.ofMillis(10));
      limiter.tryAcquire("churn-" + tick);
      if (tick % 10 == 0 && limiter.tryAcquire("mallory").allowed()) {
        allowed++;
      }
      assertThat(limiter.keys()).isLessThanOrEqualTo(100);
    }
    // a full bucket of 3, then 3 a minute for 5 minutes: a bucket reset by the churn would allow far more
    assertThat(allowed).isBetween(3 + 3 * 5 - 1, 3 + 3 * 5);
  }

  @Test
  void dropsAKeyOnlyOnceItsBucketHasRefilledCompletely() {
    KeyedRateLimiter limiter =
        new KeyedRateLimiter(new RateLimit(2, Duration.ofSeconds(10)), Optional.empty(), 2, time);
    assertThat(limiter.tryAcquire("a").allowed()).isTrue();
    assertThat(limiter.tryAcquire("a").allowed()).isTrue();
    assertThat(limiter.tryAcquire("b").allowed()).isTrue();
    time.advance(Duration.ofSeconds(4));
    RateDecision noRoom = limiter.tryAcquire("c");
    assertThat(noRoom.scope()).isEqualTo(RateDecision.Scope.CAPACITY);
    assertThat(noRoom.retryAfter()).isEqualTo(Duration.ofSeconds(6));

    time.advance(Duration.ofMillis(5_999));
    assertThat(limiter.tryAcquire("c").scope()).as("a's bucket is not full yet").isEqualTo(
        RateDecision.Scope.CAPACITY);
    time.advance(Duration.ofMillis(1));
    assertThat(limiter.tryAcquire("c").allowed()).isTrue();
    assertThat(limiter.tryAcquire("a").allowed()).as("a full bucket, as a's own would be").isTrue();
  }
}
