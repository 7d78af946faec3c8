package io.hubd.daemon.config;

import java.time.Duration;

/**
 * How the rebalancer runs: its tick, how long a fee quote holds, how far in the future a signed request may
 * expire, the window of every spending budget, and how long a job may wait before it is retried. Immutable.
 */
public record RebalanceConfig(
    Duration tickInterval, Duration quoteTtl, Duration maxRequestLifetime, Duration budgetWindow,
    Duration retryAfter) {
  public RebalanceConfig {
    Durations.positive(tickInterval, "rebalance.tickInterval");
    Durations.positive(quoteTtl, "rebalance.quoteTtl");
    Durations.positive(maxRequestLifetime, "rebalance.maxRequestLifetime");
    Durations.positive(budgetWindow, "rebalance.budgetWindow");
    Durations.positive(retryAfter, "rebalance.retryAfter");
  }
}
