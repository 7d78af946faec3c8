package io.hubd.daemon.rebalance;

import java.time.Instant;

/**
 * Told every plan the rebalance loop makes, empty ones included, on the loop's thread, before the batch is
 * submitted. Must be quick and must not throw: it runs inside every tick.
 */
@FunctionalInterface
public interface PlanObserver {
  /** Nobody observes. */
  PlanObserver NONE = (plan, at) -> {};

  void planned(Plan plan, Instant at);
}
