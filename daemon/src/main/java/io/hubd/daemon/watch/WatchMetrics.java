package io.hubd.daemon.watch;

import io.hubd.contracts.EntityId;
import io.hubd.daemon.mirror.MirroredDispute;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * The watchtower's meters: {@code hubd_disputes_open{claimant}} (the hub's claims and the counterparties'),
 * {@code hubd_dispute_blocks_left} (of the counterparty's claim closest to its end; NaN without one),
 * {@code hubd_disputes_late} (counterparties' claims with less than half their period left: the alert condition),
 * {@code hubd_dispute_operations_total{operation}}, {@code hubd_dispute_missed_total} (stale claims the period ran out
 * on), and the time from a stale claim to the hub's counter, {@code hubd_dispute_counter_blocks} and
 * {@code hubd_dispute_counter_seconds}. Thread-safe.
 */
final class WatchMetrics {
  private final MeterRegistry meters;
  private final DistributionSummary counterBlocks;
  private final Timer counterTime;
  private volatile int hubClaims;
  private volatile int counterpartyClaims;
  private volatile double blocksLeft = Double.NaN;
  private volatile int late;

  WatchMetrics(MeterRegistry meters) {
    this.meters = Objects.requireNonNull(meters, "meters == null");
    Gauge.builder("hubd_disputes_open", this, m -> m.hubClaims).tag("claimant", "hub")
        .description("open disputes of the hub's accounts whose current claim is the hub's").register(meters);
    Gauge.builder("hubd_disputes_open", this, m -> m.counterpartyClaims).tag("claimant", "counterparty")
        .description("open disputes of the hub's accounts whose current claim is the counterparty's")
        .register(meters);
    Gauge.builder("hubd_dispute_blocks_left", this, m -> m.blocksLeft)
        .description("blocks left to counter the counterparty's claim closest to its end (NaN: none open)")
        .register(meters);
    Gauge.builder("hubd_disputes_late", this, m -> m.late)
        .description("counterparties' claims on the hub's accounts with less than half their period left")
        .register(meters);
    this.counterBlocks = DistributionSummary.builder("hubd_dispute_counter_blocks")
        .description("blocks from a stale claim to the hub's counter").register(meters);
    this.counterTime = Timer.builder("hubd_dispute_counter_seconds")
        .description("time from a stale claim's block to the hub's counter's block").register(meters);
  }

  /** The open disputes at {@code head}, and which of the counterparties' claims are late. */
  void disputes(EntityId hub, List<MirroredDispute> open, long head, int lateClaims) {
    hubClaims = (int) open.stream().filter(d -> d.claimedBy(hub)).count();
    counterpartyClaims = open.size() - hubClaims;
    blocksLeft = open.stream().filter(d -> !d.claimedBy(hub)).mapToLong(d -> d.blocksLeft(head)).min()
        .stream().mapToDouble(l -> l).findFirst().orElse(Double.NaN);
    late = lateClaims;
  }

  void submitted(String operation, int count) {
    meters.counter("hubd_dispute_operations_total", "operation", operation).increment(count);
  }

  void missed() {
    meters.counter("hubd_dispute_missed_total").increment();
  }

  /** The hub's counter landed {@code blocks} blocks and {@code time} after the claim it answered. */
  void countered(long blocks, Duration time) {
    counterBlocks.record(blocks);
    counterTime.record(time);
  }
}
