package io.hubd.daemon.rebalance;

import java.util.Comparator;

/** The best-first order of R2C targets under each {@link Strategy}, ties to the smaller account key. Stateless. */
final class TargetOrder {
  private static final Comparator<Target> BY_KEY = Comparator.comparing(Target::key);
  private static final Comparator<Target> AMOUNT =
      Comparator.comparing(Target::wanted, Comparator.reverseOrder()).thenComparing(BY_KEY);
  private static final Comparator<Target> TIME = Comparator.comparing(Target::since).thenComparing(BY_KEY);
  private static final Comparator<Target> FEE =
      Comparator.comparing(Target::rankFee, Comparator.reverseOrder()).thenComparing(BY_KEY);

  private TargetOrder() {}

  static Comparator<Target> of(Strategy strategy) {
    return switch (strategy) {
      case AMOUNT -> AMOUNT;
      case TIME -> TIME;
      case FEE -> FEE;
    };
  }
}
