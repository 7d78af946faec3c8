package io.hubd.daemon.margin;

import io.hubd.contracts.Batch;
import java.util.HashMap;
import java.util.Map;

/** How many of a batch's operations are in each token: its gas is shared among tokens in that proportion. */
final class OperationTokens {
  private OperationTokens() {}

  /** Operations per token id; dispute operations, which name no single token, are left out. */
  static Map<Integer, Integer> of(Batch batch) {
    Map<Integer, Integer> out = new HashMap<>();
    batch.externalToReserve().forEach(op -> out.merge(op.tokenId(), 1, Integer::sum));
    batch.reserveToReserve().forEach(op -> out.merge(op.tokenId(), 1, Integer::sum));
    batch.collateralToReserve().forEach(op -> out.merge(op.tokenId(), 1, Integer::sum));
    batch.settlements().forEach(op -> out.merge(op.diffs().get(0).tokenId(), 1, Integer::sum));
    batch.reserveToCollateral().forEach(op -> out.merge(op.tokenId(), op.pairs().size(), Integer::sum));
    batch.reserveToExternal().forEach(op -> out.merge(op.tokenId(), 1, Integer::sum));
    return out;
  }
}
