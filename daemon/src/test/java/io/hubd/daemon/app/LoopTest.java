package io.hubd.daemon.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.hubd.daemon.testkit.MutableClock;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class LoopTest {
  private final MutableClock clock = new MutableClock();
  private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
  private final LoopHealth health = new LoopHealth(meters, clock);

  @Test
  void aLoopThatKeepsFailingIsFailingAndThenStalledButGoesOnStepping() {
    AtomicInteger steps = new AtomicInteger();
    try (Loop loop = new Loop("failing", Duration.ofMillis(10), () -> {
      steps.incrementAndGet();
      throw new IllegalStateException("node down");
    }, health, e -> { })) {
      await().atMost(Duration.ofSeconds(10)).until(() -> steps.get() >= 3);
      assertThat(health.failing("failing", 2)).hasValueSatisfying(f -> assertThat(f).contains("node down"));
      assertThat(health.stalled()).isEmpty();
      clock.advance(Duration.ofSeconds(16)); // the bound is five intervals, and at least 15 s
      assertThat(health.stalled()).singleElement().satisfies(s -> assertThat(s).startsWith("failing"));
      int before = steps.get();
      await().atMost(Duration.ofSeconds(10)).until(() -> steps.get() > before);
    }
  }

  @Test
  void aSuccessfulStepClearsTheFailuresAndIsWhatTheGaugeShows() {
    AtomicInteger steps = new AtomicInteger();
    try (Loop loop = new Loop("flaky", Duration.ofMillis(10), () -> {
      if (steps.incrementAndGet() < 3) {
        throw new IllegalStateException("once");
      }
    }, health, e -> { })) {
      await().atMost(Duration.ofSeconds(10)).until(() -> steps.get() >= 4);
      assertThat(health.failing("flaky", 1)).isEmpty();
      assertThat(meters.get("hubd_loop_last_success_seconds").tag("loop", "flaky").gauge().value())
          .isEqualTo(clock.instant().getEpochSecond());
    }
  }

  @Test
  void anErrorIsHandedToTheFatalHandlerInsteadOfKillingTheLoopSilently() {
    AtomicReference<Error> fatal = new AtomicReference<>();
    try (Loop loop = new Loop("doomed", Duration.ofMillis(10), () -> {
      throw new OutOfMemoryError("simulated");
    }, health, fatal::set)) {
      await().atMost(Duration.ofSeconds(10)).until(() -> fatal.get() != null);
      assertThat(fatal.get()).hasMessage("simulated");
    }
  }

  @Test
  void kicksCoalesceIntoAStep() {
    AtomicInteger steps = new AtomicInteger();
    try (Loop loop = new Loop("kicked", Duration.ofHours(1), steps::incrementAndGet, health, e -> { })) {
      loop.kick();
      await().atMost(Duration.ofSeconds(10)).until(() -> steps.get() == 1);
    }
  }

  @Test
  void theStallBoundIsFiveIntervalsAndAtLeastFifteenSeconds() {
    assertThat(Loop.stallBound(Duration.ofMillis(250))).isEqualTo(Duration.ofSeconds(15));
    assertThat(Loop.stallBound(Duration.ofMinutes(1))).isEqualTo(Duration.ofMinutes(5));
  }
}
