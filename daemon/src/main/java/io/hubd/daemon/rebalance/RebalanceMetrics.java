package io.hubd.daemon.rebalance;

import io.hubd.daemon.jobs.JobState;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The rebalancer's meters: latency from request accepted to collateral mirrored, batches, jobs by state, settlement
 * proposals by outcome, the reserve saved by netting and the hub's outstanding credit per token.
 */
final class RebalanceMetrics {
  private final MeterRegistry meters;
  private final Timer latency;
  private final DistributionSummary operationsPerBatch;
  private final DistributionSummary gasPerOperation;
  private final Map<JobState, AtomicLong> jobs = new EnumMap<>(JobState.class);

  RebalanceMetrics(MeterRegistry meters) {
    this.meters = meters;
    this.latency = Timer.builder("hubd_rebalance_latency")
        .description("from a rebalance request accepted to its collateral mirrored from the chain")
        .publishPercentileHistogram()
        .publishPercentiles(0.5, 0.99)
        .minimumExpectedValue(Duration.ofMillis(10))
        .maximumExpectedValue(Duration.ofMinutes(30))
        .register(meters);
    this.operationsPerBatch = DistributionSummary.builder("hubd_batch_operations")
        .description("operations in each landed batch").register(meters);
    this.gasPerOperation = DistributionSummary.builder("hubd_batch_gas_per_operation")
        .description("gas of each landed batch divided by its operations").register(meters);
    for (JobState state : JobState.values()) {
      AtomicLong count = new AtomicLong();
      jobs.put(state, count);
      meters.gauge("hubd_jobs", io.micrometer.core.instrument.Tags.of("state", state.name()), count);
    }
  }

  void requestServed(Duration sinceAccepted) {
    latency.record(sinceAccepted);
  }

  void batchLanded(int operations, java.math.BigInteger gasUsed) {
    meters.counter("hubd_batches_total", "outcome", "landed").increment();
    operationsPerBatch.record(operations);
    if (operations > 0) {
      gasPerOperation.record(gasUsed.doubleValue() / operations);
    }
  }

  void batchFailed() {
    meters.counter("hubd_batches_total", "outcome", "failed").increment();
  }

  void proposed(int count) {
    meters.counter("hubd_c2r_proposals_total").increment(count);
  }

  /** {@code count} settlements reached {@code outcome}: proposed, signed, executed, stale, expired or failed. */
  void settlementProposals(String outcome, int count) {
    meters.counter("hubd_settlement_proposals_total", "outcome", outcome).increment(count);
  }

  /** A landed batch funded {@code amount} of R2C in {@code token} from C2R and settlement inflows, not the reserve. */
  void savedByNetting(int token, java.math.BigInteger amount) {
    meters.counter("hubd_reserve_saved_by_netting_total", "token", Integer.toString(token))
        .increment(amount.doubleValue());
  }

  void jobs(Map<JobState, Long> counts) {
    counts.forEach((state, n) -> jobs.get(state).set(n));
  }
}
