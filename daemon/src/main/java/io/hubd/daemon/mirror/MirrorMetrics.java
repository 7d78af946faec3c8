package io.hubd.daemon.mirror;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicLong;

/** The mirror's meters. Registered once per registry; thread-safe. */
final class MirrorMetrics {
  private final AtomicLong headLag = new AtomicLong();
  private final AtomicLong checkpoint = new AtomicLong(-1);
  private final AtomicLong logRange = new AtomicLong();
  private final Counter eventsApplied;
  private final Counter reorgs;
  private final Counter deepReorgs;
  private final Counter unservedLogs;
  private final Counter repairs;

  MirrorMetrics(MeterRegistry meters) {
    Objects.requireNonNull(meters, "meters == null");
    Gauge.builder("hubd_mirror_head_lag_blocks", headLag, AtomicLong::get)
        .description("blocks between the chain head and the mirror's checkpoint")
        .register(meters);
    Gauge.builder("hubd_mirror_checkpoint_block", checkpoint, AtomicLong::get)
        .description("the last block whose effects are mirrored")
        .register(meters);
    Gauge.builder("hubd_mirror_log_range", logRange, AtomicLong::get)
        .description("blocks per eth_getLogs request")
        .register(meters);
    eventsApplied =
        Counter.builder("hubd_mirror_events_applied_total").description("hub events applied").register(meters);
    reorgs = Counter.builder("hubd_mirror_reorgs_total").description("reorganisations detected").register(meters);
    deepReorgs =
        Counter.builder("hubd_mirror_deep_reorgs_total")
            .description("reorganisations deeper than the window, re-synced from direct reads")
            .register(meters);
    repairs = Counter.builder("hubd_mirror_repairs_total")
        .description("times the mirrored state was re-read from the contract after the reconciler found drift")
        .register(meters);
    unservedLogs =
        Counter.builder("hubd_mirror_unserved_logs_total")
            .description("range answers refused because a block's logs were left out (a lagging log index)")
            .register(meters);
  }

  void position(long head, long checkpointBlock) {
    checkpoint.set(checkpointBlock);
    headLag.set(Math.max(0, head - checkpointBlock));
  }

  void logRange(int blocks) {
    logRange.set(blocks);
  }

  void eventsApplied(int count) {
    eventsApplied.increment(count);
  }

  void reorg() {
    reorgs.increment();
  }

  void deepReorg() {
    deepReorgs.increment();
  }

  void repair() {
    repairs.increment();
  }

  void unservedLogs() {
    unservedLogs.increment();
  }
}
