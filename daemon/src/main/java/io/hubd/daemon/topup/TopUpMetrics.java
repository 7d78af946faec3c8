package io.hubd.daemon.topup;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.math.BigInteger;
import java.util.Locale;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One token's top-up meters, tagged {@code token=<symbol>}:
 *
 * <ul>
 *   <li>{@code hubd_topup_total{source,outcome}}: on-chain steps by where the tokens came from —
 *       {@code source=faucet} a drip into the hub wallet, {@code source=wallet} a deposit from the wallet into the
 *       reserve (its approval included) — and {@code outcome=done|failed};
 *   <li>{@code hubd_topup_amount_total}: base units deposited into the reserve (a double: approximate beyond 2^53);
 *   <li>{@code hubd_topup_dry}: 1 while the reserve is below its minimum and nothing can refill it;
 *   <li>{@code hubd_reserve_below_min_seconds_total}, {@code hubd_reserve_observed_seconds_total} and
 *       {@code hubd_reserve_uptime_ratio} = 1 − below / observed, from {@link ReserveUptime}.
 * </ul>
 *
 * Thread-safe.
 */
final class TopUpMetrics {
  private final MeterRegistry meters;
  private final String token;
  private final Counter amount;
  private final AtomicInteger dry = new AtomicInteger();

  /** Where the tokens of a step came from. */
  enum Source {
    WALLET,
    FAUCET;

    String tag() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  TopUpMetrics(MeterRegistry meters, String token, ReserveUptime uptime) {
    this.meters = Objects.requireNonNull(meters, "meters == null");
    this.token = Objects.requireNonNull(token, "token == null");
    this.amount = Counter.builder("hubd_topup_amount_total").tag("token", token)
        .description("base units moved from the hub wallet into the reserve").register(meters);
    Gauge.builder("hubd_topup_dry", dry, AtomicInteger::get).tag("token", token)
        .description("1 while the reserve is below its minimum and neither wallet, faucet nor budget can refill it")
        .register(meters);
    FunctionCounter.builder("hubd_reserve_below_min_seconds_total", uptime, ReserveUptime::belowSeconds)
        .tag("token", token).description("time the mirrored reserve was below minReserve").register(meters);
    FunctionCounter.builder("hubd_reserve_observed_seconds_total", uptime, ReserveUptime::observedSeconds)
        .tag("token", token).description("time the mirrored reserve was observed").register(meters);
    Gauge.builder("hubd_reserve_uptime_ratio", uptime, ReserveUptime::ratio).tag("token", token)
        .description("share of the observed time the reserve was at or above minReserve").register(meters);
  }

  void step(Source source, boolean done) {
    meters.counter("hubd_topup_total", "token", token, "source", source.tag(), "outcome", done ? "done" : "failed")
        .increment();
  }

  void deposited(BigInteger units) {
    amount.increment(units.doubleValue());
  }

  void dry(boolean isDry) {
    dry.set(isDry ? 1 : 0);
  }

  boolean dry() {
    return dry.get() == 1;
  }
}
