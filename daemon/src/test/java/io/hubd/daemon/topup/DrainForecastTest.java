package io.hubd.daemon.topup;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class DrainForecastTest {
  private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

  private static BigInteger big(long v) {
    return BigInteger.valueOf(v);
  }

  @Test
  void expectsNothingBeforeASecondOfHistory() {
    DrainForecast f = new DrainForecast(Duration.ofSeconds(30), Duration.ofSeconds(2));
    f.observe(T0, big(1000));
    f.observe(T0.plusMillis(500), big(900));
    assertThat(f.margin()).isZero();
  }

  @Test
  void scalesTheObservedOutflowToTheRefillTimeWithHalfAgainAsMargin() {
    DrainForecast f = new DrainForecast(Duration.ofSeconds(30), Duration.ofSeconds(2));
    f.observe(T0, big(1000));
    f.observe(T0.plusSeconds(5), big(500)); // 100 per second
    assertThat(f.margin()).isEqualTo(big(300)); // 100/s × 2 s × 1.5
  }

  @Test
  void refillsDoNotOffsetTheOutflow() {
    DrainForecast f = new DrainForecast(Duration.ofSeconds(30), Duration.ofSeconds(2));
    f.observe(T0, big(1000));
    f.observe(T0.plusSeconds(2), big(800));
    f.observe(T0.plusSeconds(3), big(5000)); // a refill landed
    f.observe(T0.plusSeconds(4), big(4800));
    assertThat(f.margin()).isEqualTo(big(400 * 2 * 3 / (4 * 2)));
  }

  @Test
  void learnsHowLongRefillsTake() {
    DrainForecast f = new DrainForecast(Duration.ofSeconds(30), Duration.ofSeconds(2));
    f.refillStarted(T0);
    f.refillLanded(T0.plusSeconds(6)); // lead becomes (2 + 6) / 2 = 4 s
    f.observe(T0, big(1000));
    f.observe(T0.plusSeconds(10), big(0)); // 100 per second
    assertThat(f.margin()).isEqualTo(big(600));
  }

  @Test
  void forgetsOutflowOlderThanTheWindow() {
    DrainForecast f = new DrainForecast(Duration.ofSeconds(10), Duration.ofSeconds(2));
    f.observe(T0, big(10_000));
    f.observe(T0.plusSeconds(1), big(1_000));
    f.observe(T0.plusSeconds(20), big(1_000));
    f.observe(T0.plusSeconds(21), big(1_000));
    assertThat(f.margin()).isZero();
  }
}
