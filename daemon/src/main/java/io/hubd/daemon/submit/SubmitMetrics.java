package io.hubd.daemon.submit;

import io.hubd.daemon.chain.ChainError;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.math.BigInteger;
import java.util.Locale;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicInteger;

/** The pipeline's Micrometer meters ({@code hubd_submit_*}). Thread-safe. */
final class SubmitMetrics {
  private final MeterRegistry meters;
  private final Counter attempts;
  private final Counter bumps;
  private final Counter feeCapReached;
  private final Counter gasUsed;
  private final Counter deepReorgs;
  private final Counter nonceGaps;
  private final AtomicInteger inFlight = new AtomicInteger();

  SubmitMetrics(MeterRegistry meters) {
    this.meters = Objects.requireNonNull(meters, "meters == null");
    this.attempts = Counter.builder("hubd_submit_attempts_total")
        .description("transactions signed (first attempts and fee bumps)").register(meters);
    this.bumps = Counter.builder("hubd_submit_bumps_total")
        .description("fee-bumped replacements signed").register(meters);
    this.feeCapReached = Counter.builder("hubd_submit_fee_cap_reached_total")
        .description("times a stuck transaction could not be bumped because of submit.maxFeePerGasCap")
        .register(meters);
    this.gasUsed = Counter.builder("hubd_submit_gas_used_total")
        .description("gas used by mined transactions, reverted ones included").register(meters);
    this.deepReorgs = Counter.builder("hubd_submit_deep_reorgs_total")
        .description("confirmed or failed transactions a reorganisation deeper than the confirmations removed")
        .register(meters);
    this.nonceGaps = Counter.builder("hubd_submit_nonce_gaps_total")
        .description("times a transaction was not signed because its nonce would have left a gap").register(meters);
    meters.gauge("hubd_submit_in_flight", inFlight);
  }

  void attemptSigned(boolean bump) {
    attempts.increment();
    if (bump) {
      bumps.increment();
    }
  }

  void deepReorg() {
    deepReorgs.increment();
  }

  void nonceGap() {
    nonceGaps.increment();
  }

  void feeCapReached() {
    feeCapReached.increment();
  }

  /** A node refused a broadcast with {@code error}. */
  void rejected(ChainError error) {
    meters.counter("hubd_submit_send_rejections_total", "error", error.name().toLowerCase(Locale.ROOT)).increment();
  }

  /** An intent reached its final state: {@code outcome} is confirmed, reverted (mined) or rejected (estimate). */
  void outcome(Intent intent, String outcome, BigInteger gas) {
    String kind = intent instanceof Intent.BatchIntent ? "batch" : "call";
    meters.counter("hubd_submit_batches_total", "outcome", outcome, "kind", kind).increment();
    gasUsed.increment(gas.doubleValue());
  }

  void inFlight(int count) {
    inFlight.set(count);
  }
}
