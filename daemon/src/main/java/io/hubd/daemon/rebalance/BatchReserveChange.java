package io.hubd.daemon.rebalance;

import io.hubd.contracts.Batch;
import io.hubd.contracts.EntityId;
import java.math.BigInteger;
import java.util.Map;
import java.util.TreeMap;

/**
 * What a batch submitted by the hub does to the hub's reserve per token once it lands: deposits and C2Rs add, R2Cs
 * and payouts take, settlements add or take the hub's side of each diff. The reserve the hub can count on while
 * batches are in flight is the mirrored reserve plus this for each of them. Stateless.
 */
public final class BatchReserveChange {
  private BatchReserveChange() {}

  /** Per token, the change of {@code hub}'s reserve when {@code batch} lands; tokens it does not touch are absent. */
  public static Map<Integer, BigInteger> of(Batch batch, EntityId hub) {
    Map<Integer, BigInteger> change = new TreeMap<>();
    batch.externalToReserve().forEach(op -> change.merge(op.tokenId(), op.amount(), BigInteger::add));
    batch.reserveToReserve().forEach(op -> change.merge(op.tokenId(), op.amount().negate(), BigInteger::add));
    batch.collateralToReserve().forEach(op -> change.merge(op.tokenId(), op.amount(), BigInteger::add));
    for (Batch.Settlement settlement : batch.settlements()) {
      boolean hubIsLeft = hub.isLeftOf(settlement.counterparty());
      for (Batch.SettlementDiff diff : settlement.diffs()) {
        BigInteger hubSide = hubIsLeft ? diff.leftReserveDiff() : diff.rightReserveDiff();
        change.merge(diff.tokenId(), hubSide, BigInteger::add);
      }
    }
    batch.reserveToCollateral().forEach(group -> change.merge(group.tokenId(), group.total().negate(), BigInteger::add));
    batch.reserveToExternal().forEach(op -> change.merge(op.tokenId(), op.amount().negate(), BigInteger::add));
    return change;
  }

  /** The change of {@code hub}'s reserve when every batch of {@code batches} lands. */
  public static Map<Integer, BigInteger> ofAll(Iterable<Batch> batches, EntityId hub) {
    Map<Integer, BigInteger> total = new TreeMap<>();
    for (Batch batch : batches) {
      of(batch, hub).forEach((token, amount) -> total.merge(token, amount, BigInteger::add));
    }
    return total;
  }
}
