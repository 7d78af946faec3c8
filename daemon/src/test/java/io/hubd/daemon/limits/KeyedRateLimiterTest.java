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
  void keepsOnlyTheMostRecentKeys() {
    KeyedRateLimiter limiter =
        new KeyedRateLimiter(new RateLimit(1, Duration.ofHours(1)), Optional.empty(), 2, time);
    assertThat(limiter.tryAcquire("a").allowed()).isTrue();
    assertThat(limiter.tryAcquire("b").allowed()).isTrue();
    assertThat(limiter.tryAcquire("a").allowed()).isFalse();
    assertThat(limiter.tryAcquire("c").allowed()).isTrue(); // evicts b, the least recently used
    assertThat(limiter.tryAcquire("a").allowed()).isFalse();
    assertThat(limiter.tryAcquire("b").allowed()).isTrue();
  }
}
