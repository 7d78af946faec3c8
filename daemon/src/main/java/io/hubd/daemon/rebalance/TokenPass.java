package io.hubd.daemon.rebalance;

import io.hubd.contracts.Batch;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;

/**
 * One token's R2C side of a plan. Ranks the token's targets by its strategy, keeping the best
 * {@code min(maxPerTick, Batch.MAX_R2C_PAIRS)} (O(n log k)), and walks them against the effective reserve (reserve
 * plus the batch's C2Rs and settlements of the token, minus what is already planned): each gets what it wants or what is left, and
 * once nothing is left the rest wait. {@link #finish} then cuts to the batch slots the token was given. Not
 * thread-safe; one per token per tick.
 */
final class TokenPass {
  private final TokenBook book;
  private final BigInteger c2rIn;
  private final BigInteger settlementIn;
  private final TargetCollector collected;
  private final int limit;
  private final List<Target> ranked;
  private final List<Target> rest;
  private final List<BigInteger> funded = new ArrayList<>();

  private TokenPass(TokenBook book, BigInteger c2rIn, BigInteger settlementIn, TargetCollector collected) {
    this.book = book;
    this.c2rIn = c2rIn;
    this.settlementIn = settlementIn;
    this.collected = collected;
    this.limit = Math.min(book.policy().maxPerTick(), Batch.MAX_R2C_PAIRS);
    TopK.Selection<Target> selection =
        TopK.select(collected.targets, limit, TargetOrder.of(book.policy().strategy()));
    this.ranked = selection.best();
    this.rest = selection.rest();
    BigInteger effective = book.reserve().add(c2rIn).add(settlementIn).max(BigInteger.ZERO);
    for (Target target : ranked) {
      if (effective.signum() == 0) {
        break;
      }
      BigInteger amount = target.wanted().min(effective);
      effective = effective.subtract(amount);
      funded.add(amount);
    }
  }

  /**
   * Ranks and walks {@code collected}'s targets with {@code c2rIn} from the batch's C2Rs of the token and
   * {@code settlementIn} from its settlements (negative when they take from the reserve; never beyond it).
   */
  static TokenPass run(TokenBook book, TargetCollector collected, BigInteger c2rIn, BigInteger settlementIn) {
    return new TokenPass(book, c2rIn, settlementIn, collected);
  }

  /** How many R2C pairs the token would put in the batch, given room. */
  int demand() {
    return funded.size();
  }

  /**
   * Emits the first {@code slots} (at most {@link #demand()}) pairs into {@code fundings} and everything left into
   * {@code queued}; returns the token's reserve flow.
   */
  ReserveFlow finish(int slots, List<Funding> fundings, List<Queued> queued) {
    boolean batchFull = slots < funded.size();
    BigInteger out = BigInteger.ZERO;
    for (int i = 0; i < ranked.size(); i++) {
      Target target = ranked.get(i);
      if (i < slots) {
        BigInteger amount = funded.get(i);
        fundings.add(target.fund(amount));
        out = out.add(amount);
        target.rest(amount, QueueReason.INSUFFICIENT_RESERVE).ifPresent(queued::add);
      } else {
        QueueReason reason = batchFull ? QueueReason.BATCH_LIMIT : QueueReason.INSUFFICIENT_RESERVE;
        target.rest(BigInteger.ZERO, reason).ifPresent(queued::add);
      }
    }
    QueueReason restReason = restReason(batchFull);
    for (Target target : rest) {
      target.rest(BigInteger.ZERO, restReason).ifPresent(queued::add);
    }
    queued.addAll(collected.queued);
    return new ReserveFlow(book.tokenId(), book.reserve(), c2rIn, settlementIn, out);
  }

  List<String> satisfied() {
    return collected.satisfied;
  }

  /** Why the targets ranked below the best {@code limit} wait: the first bound a sequential walk would have hit. */
  private QueueReason restReason(boolean batchFull) {
    if (batchFull) {
      return QueueReason.BATCH_LIMIT;
    }
    if (funded.size() < ranked.size()) {
      return QueueReason.INSUFFICIENT_RESERVE;
    }
    return limit == book.policy().maxPerTick() ? QueueReason.TICK_LIMIT : QueueReason.BATCH_LIMIT;
  }
}
