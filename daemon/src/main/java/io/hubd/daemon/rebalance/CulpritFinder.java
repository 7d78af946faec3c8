package io.hubd.daemon.rebalance;

import io.hubd.contracts.Batch;
import io.hubd.contracts.RevertReason;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

/**
 * Finds the operations that make a batch revert, so that only they are blamed and the rest go out again: the batch
 * is split into single operations (each R2C pair on its own) in the contract's order, and the shortest prefix that
 * still reverts is found by bisection (a revert stops at the first operation that fails, so prefixes that revert
 * form a suffix of lengths); its last operation is a culprit. That one is set aside and the search repeats until
 * what is left goes through. Costs about {@code k log n} simulations for {@code k} culprits among {@code n}
 * operations. Stateless apart from the simulation; not thread-safe as the simulation is not.
 */
final class CulpritFinder {
  private final Function<Batch, Optional<RevertReason>> simulate;

  /** @param simulate what the chain says now of a batch the hub would send: empty when it would go through */
  CulpritFinder(Function<Batch, Optional<RevertReason>> simulate) {
    this.simulate = Objects.requireNonNull(simulate, "simulate == null");
  }

  /** The operations of {@code batch} that revert, each as a one-operation batch; empty when it goes through now. */
  List<Batch> find(Batch batch) {
    List<Batch> left = operations(batch);
    List<Batch> culprits = new ArrayList<>();
    while (!left.isEmpty() && simulate.apply(join(left)).isPresent()) {
      int lo = 1;
      int hi = left.size();
      while (lo < hi) {
        int mid = (lo + hi) >>> 1;
        if (simulate.apply(join(left.subList(0, mid))).isPresent()) {
          hi = mid;
        } else {
          lo = mid + 1;
        }
      }
      culprits.add(left.remove(lo - 1));
    }
    return culprits;
  }

  /** {@code batch} as one-operation batches, in the order the contract applies them. */
  static List<Batch> operations(Batch batch) {
    List<Batch> ops = new ArrayList<>();
    batch.externalToReserve().forEach(op -> ops.add(Batch.builder().externalToReserve(op).build()));
    batch.reserveToReserve().forEach(op -> ops.add(Batch.builder().reserveToReserve(op).build()));
    batch.disputeCounters().forEach(op -> ops.add(Batch.builder().disputeCounter(op).build()));
    batch.disputeFinalizations().forEach(op -> ops.add(Batch.builder().disputeFinalization(op).build()));
    batch.collateralToReserve().forEach(op -> ops.add(Batch.builder().collateralToReserve(op).build()));
    batch.settlements().forEach(op -> ops.add(Batch.builder().settlement(op).build()));
    for (Batch.ReserveToCollateral group : batch.reserveToCollateral()) {
      group.pairs().forEach(pair -> ops.add(Batch.builder()
          .reserveToCollateral(new Batch.ReserveToCollateral(group.tokenId(), List.of(pair))).build()));
    }
    batch.disputeStarts().forEach(op -> ops.add(Batch.builder().disputeStart(op).build()));
    batch.reserveToExternal().forEach(op -> ops.add(Batch.builder().reserveToExternal(op).build()));
    return ops;
  }

  /** A one-operation batch in a few words, for logs. */
  static String describe(Batch op) {
    StringBuilder out = new StringBuilder();
    op.externalToReserve().forEach(o -> out.append("deposit of ").append(o.amount()).append(" of token ")
        .append(o.tokenId()));
    op.reserveToReserve().forEach(o -> out.append("payout of ").append(o.amount()).append(" of token ")
        .append(o.tokenId()).append(" to the reserve of ").append(o.receiver()));
    op.collateralToReserve().forEach(o -> out.append("C2R of ").append(o.amount()).append(" of token ")
        .append(o.tokenId()).append(" from ").append(o.counterparty()).append(" at nonce ").append(o.nonce()));
    op.settlements().forEach(o -> out.append("settlement with ").append(o.counterparty()).append(" at nonce ")
        .append(o.nonce()));
    op.reserveToCollateral().forEach(g -> g.pairs().forEach(p -> out.append("R2C of ").append(p.amount())
        .append(" of token ").append(g.tokenId()).append(" to ").append(p.counterparty())));
    op.reserveToExternal().forEach(o -> out.append("payout of ").append(o.amount()).append(" of token ")
        .append(o.tokenId()).append(" to ").append(o.receiver()));
    op.disputeStarts().forEach(o -> out.append("dispute start"));
    op.disputeCounters().forEach(o -> out.append("dispute counter"));
    op.disputeFinalizations().forEach(o -> out.append("dispute finalisation"));
    return out.toString();
  }

  /** One batch of {@code ops} (one-operation batches in contract order); R2C pairs of a token in one group. */
  static Batch join(List<Batch> ops) {
    Batch.Builder b = Batch.builder();
    Map<Integer, List<Batch.R2CPair>> r2c = new LinkedHashMap<>();
    for (Batch op : ops) {
      op.externalToReserve().forEach(b::externalToReserve);
      op.reserveToReserve().forEach(b::reserveToReserve);
      op.disputeCounters().forEach(b::disputeCounter);
      op.disputeFinalizations().forEach(b::disputeFinalization);
      op.disputeStarts().forEach(b::disputeStart);
      op.collateralToReserve().forEach(b::collateralToReserve);
      op.settlements().forEach(b::settlement);
      op.reserveToCollateral().forEach(g -> r2c.computeIfAbsent(g.tokenId(), t -> new ArrayList<>()).addAll(g.pairs()));
      op.reserveToExternal().forEach(b::reserveToExternal);
    }
    r2c.forEach((token, pairs) -> b.reserveToCollateral(new Batch.ReserveToCollateral(token, pairs)));
    return b.build();
  }
}
