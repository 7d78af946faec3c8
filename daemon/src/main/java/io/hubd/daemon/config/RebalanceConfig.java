package io.hubd.daemon.config;

import java.time.Duration;

/**
 * How the rebalancer runs: its tick, how long a fee quote holds, how far in the future a signed request may
 * expire, the window of every spending budget, how long a job may wait before it is retried, and how many failed
 * batches a job may be blamed for before it fails for good. Immutable.
 */
public record RebalanceConfig(
    Duration tickInterval, Duration quoteTtl, Duration maxRequestLifetime, Duration budgetWindow,
    Duration retryAfter, int maxFailures) {
  public RebalanceConfig {
    Durations.positive(tickInterval, "rebalance.tickInterval");
    Durations.positive(quoteTtl, "rebalance.quoteTtl");
    Durations.positive(maxRequestLifetime, "rebalance.maxRequestLifetime");
    Durations.positive(budgetWindow, "rebalance.budgetWindow");
    Durations.positive(retryAfter, "rebalance.retryAfter");
    if (maxFailures < 1 || maxFailures > 1000) {
      throw new IllegalArgumentException("rebalance.maxFailures must be in [1, 1000], got " + maxFailures);
    }
  }
}
