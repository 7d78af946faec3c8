package io.hubd.daemon.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatNoException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.bucket4j.TimeMeter;
import io.hubd.daemon.limits.KeyedRateLimiter;
import io.hubd.daemon.limits.RateLimit;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class RateGuardTest {
  /** Bucket4j time that moves only when told. */
  private static final class ManualTime implements TimeMeter {
    private long nanos;

    @Override
    public long currentTimeNanos() {
      return nanos;
    }

    @Override
    public boolean isWallClockBased() {
      return false;
    }
  }

  private final ManualTime time = new ManualTime();
  private final RateGuard guard = new RateGuard("counterparty", new KeyedRateLimiter(
      new RateLimit(2, Duration.ofMinutes(1)), Optional.of(new RateLimit(3, Duration.ofMinutes(1))), 100, time));

  @Test
  void refusesAKeyBeyondItsBucketWithTheWaitRoundedUp() {
    guard.acquire("a");
    guard.acquire("a");
    assertThatThrownBy(() -> guard.acquire("a")).isInstanceOfSatisfying(ApiException.class, e -> {
      assertThat(e.code()).isEqualTo(ErrorCode.RATE_LIMITED);
      assertThat(e.details()).containsEntry("scope", "counterparty").containsEntry("retryAfterSeconds", 30L);
      assertThat(e.retryAfter()).contains(Duration.ofSeconds(30));
    });
  }

  @Test
  void aFloodFromOneKeyLeavesTheSharedBucketToTheOthers() {
    guard.acquire("flood");
    guard.acquire("flood");
    for (int i = 0; i < 10; i++) {
      assertThatThrownBy(() -> guard.acquire("flood")).isInstanceOf(ApiException.class);
    }
    assertThatNoException().isThrownBy(() -> guard.acquire("other"));
  }

  @Test
  void saysWhenTheSharedBucketRefused() {
    guard.acquire("a");
    guard.acquire("b");
    guard.acquire("c");
    assertThatThrownBy(() -> guard.acquire("d")).isInstanceOfSatisfying(ApiException.class,
        e -> assertThat(e.details()).containsEntry("scope", "global"));
    time.nanos += Duration.ofMinutes(1).toNanos();
    assertThatNoException().isThrownBy(() -> guard.acquire("d"));
  }
}
