package io.hubd.daemon.topup;

import static org.assertj.core.api.Assertions.assertThat;

import io.hubd.daemon.testkit.MutableClock;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.math.BigInteger;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Reserve uptime: time below the minimum against time observed, from the injected clock. */
class ReserveUptimeTest {

  @Test
  void accumulatesTimeBelowTheMinimumUntilTheMirrorShowsItRestored() {
    MutableClock clock = new MutableClock();
    ReserveUptime uptime = new ReserveUptime(clock, BigInteger.valueOf(1_000));

    uptime.observe(BigInteger.valueOf(100));
    clock.advance(Duration.ofSeconds(10));
    uptime.observe(BigInteger.valueOf(100));
    clock.advance(Duration.ofSeconds(5));
    uptime.observe(BigInteger.valueOf(1_000));
    clock.advance(Duration.ofSeconds(45));
    uptime.observe(BigInteger.valueOf(5_000));

    assertThat(uptime.observedSeconds()).isEqualTo(60.0);
    assertThat(uptime.belowSeconds()).isEqualTo(15.0);
    assertThat(uptime.ratio()).isEqualTo(0.75);
  }

  @Test
  void countsNothingWhileThePausedMirrorIsBehind() {
    MutableClock clock = new MutableClock();
    ReserveUptime uptime = new ReserveUptime(clock, BigInteger.valueOf(1_000));
    assertThat(uptime.ratio()).as("nothing observed yet").isEqualTo(1.0);

    uptime.observe(BigInteger.ZERO);
    clock.advance(Duration.ofSeconds(2));
    uptime.pause();
    clock.advance(Duration.ofSeconds(100));
    uptime.observe(BigInteger.valueOf(2_000));
    clock.advance(Duration.ofSeconds(6));
    uptime.observe(BigInteger.valueOf(2_000));

    assertThat(uptime.observedSeconds()).isEqualTo(8.0);
    assertThat(uptime.belowSeconds()).isEqualTo(2.0);
  }

  @Test
  void aClockSteppingBackAddsNothing() {
    MutableClock clock = new MutableClock();
    ReserveUptime uptime = new ReserveUptime(clock, BigInteger.ONE);
    uptime.observe(BigInteger.ZERO);
    clock.advance(Duration.ofSeconds(-30));
    uptime.observe(BigInteger.ZERO);
    clock.advance(Duration.ofSeconds(40));
    uptime.observe(BigInteger.ZERO);

    assertThat(uptime.observedSeconds()).isEqualTo(10.0);
  }

  @Test
  void theMonitorAndTheMirrorFeedTheUptimeMeters() {
    TopUpHarness h = TopUpHarness.standard().reserve(100).wallet(10_000);
    h.step();
    h.clock.advance(Duration.ofSeconds(3));
    h.topUp.onReserveUpdated(TopUpHarness.TOKEN, BigInteger.valueOf(5_000), 11);
    h.clock.advance(Duration.ofSeconds(1));
    h.reserve(5_000).step();

    assertThat(h.functionCounter("hubd_reserve_below_min_seconds_total")).isEqualTo(3.0);
    assertThat(h.functionCounter("hubd_reserve_observed_seconds_total")).isEqualTo(4.0);
    assertThat(h.gauge("hubd_reserve_uptime_ratio")).isEqualTo(0.25);
    assertThat(h.kicks).as("a reserve change asks for a step").isEqualTo(1);
  }

  @Test
  void exportsEveryMeterUnderItsPrometheusName() {
    PrometheusMeterRegistry prometheus = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    TopUpHarness h = new TopUpHarness(1_000, 5_000, 1_000_000, true, prometheus).reserve(100).wallet(10_000);
    h.approveAndOffer();
    h.land(h.batch(), BigInteger.valueOf(4_900));

    String scrape = prometheus.scrape();

    assertThat(scrape).contains(
        "hubd_topup_total{outcome=\"done\",source=\"wallet\",token=\"TUSD\"} 1.0",
        "hubd_topup_amount_total{token=\"TUSD\"} 4900.0",
        "hubd_topup_dry{token=\"TUSD\"} 0.0",
        "hubd_reserve_below_min_seconds_total{token=\"TUSD\"}",
        "hubd_reserve_observed_seconds_total{token=\"TUSD\"}",
        "hubd_reserve_uptime_ratio{token=\"TUSD\"}");
  }
}
