package io.hubd.daemon.submit;

import io.hubd.contracts.Batch;
import java.util.ArrayList;
import java.util.List;

/** Joins batches. Stateless. */
final class Batches {
  private Batches() {}

  /**
   * One batch with the operations of {@code first} then those of {@code second} in each list (the contract applies
   * them list by list, so each operation of {@code second} runs after those of {@code first} in its list). Throws
   * IllegalArgumentException when the result breaks a batch bound.
   */
  static Batch concat(Batch first, Batch second) {
    return new Batch(
        join(first.externalToReserve(), second.externalToReserve()),
        join(first.reserveToReserve(), second.reserveToReserve()),
        join(first.disputeCounters(), second.disputeCounters()),
        join(first.disputeFinalizations(), second.disputeFinalizations()),
        join(first.collateralToReserve(), second.collateralToReserve()),
        join(first.settlements(), second.settlements()),
        join(first.reserveToCollateral(), second.reserveToCollateral()),
        join(first.disputeStarts(), second.disputeStarts()),
        join(first.reserveToExternal(), second.reserveToExternal()));
  }

  private static <T> List<T> join(List<T> a, List<T> b) {
    List<T> out = new ArrayList<>(a.size() + b.size());
    out.addAll(a);
    out.addAll(b);
    return out;
  }
}
