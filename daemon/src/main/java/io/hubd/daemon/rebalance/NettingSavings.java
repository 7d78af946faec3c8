package io.hubd.daemon.rebalance;

import io.hubd.contracts.Batch;
import io.hubd.contracts.EntityId;
import java.math.BigInteger;
import java.util.Map;
import java.util.TreeMap;

/**
 * The reserve a batch saved by netting, per token: the part of its R2C funded by what its C2Rs and settlements
 * brought into the hub's reserve rather than by the reserve itself, {@code min(R2C out, max(0, C2R in + settlement
 * in))}. Stateless.
 */
public final class NettingSavings {
  private NettingSavings() {}

  /** Per token id with R2C in {@code batch} submitted by {@code hub}, the reserve saved; tokens saving 0 left out. */
  public static Map<Integer, BigInteger> of(Batch batch, EntityId hub) {
    Map<Integer, BigInteger> in = new TreeMap<>();
    Map<Integer, BigInteger> out = new TreeMap<>();
    batch.collateralToReserve().forEach(op -> in.merge(op.tokenId(), op.amount(), BigInteger::add));
    for (Batch.Settlement s : batch.settlements()) {
      boolean hubIsLeft = hub.isLeftOf(s.counterparty());
      s.diffs().forEach(d -> in.merge(d.tokenId(), SettlementDiffs.hubReserve(hubIsLeft, d), BigInteger::add));
    }
    for (Batch.ReserveToCollateral group : batch.reserveToCollateral()) {
      group.pairs().forEach(p -> out.merge(group.tokenId(), p.amount(), BigInteger::add));
    }
    Map<Integer, BigInteger> saved = new TreeMap<>();
    out.forEach((token, r2c) -> {
      BigInteger s = r2c.min(in.getOrDefault(token, BigInteger.ZERO).max(BigInteger.ZERO));
      if (s.signum() > 0) {
        saved.put(token, s);
      }
    });
    return saved;
  }
}
