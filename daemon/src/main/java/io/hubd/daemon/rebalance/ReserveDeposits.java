package io.hubd.daemon.rebalance;

import io.hubd.contracts.Batch;
import java.util.List;

/**
 * Wallet-to-reserve deposits waiting for the next batch (reserve top-up). The coordinator takes them when it
 * builds a batch, and reports what became of that batch. Called on the coordinator's thread only.
 */
public interface ReserveDeposits {

  /** Nobody deposits. */
  ReserveDeposits NONE = new ReserveDeposits() {
    @Override
    public List<Batch.ExternalToReserve> ready() {
      return List.of();
    }

    @Override
    public void included(List<Batch.ExternalToReserve> deposits, long intentId) {}

    @Override
    public void settled(long intentId, boolean landed) {}
  };

  /** The deposits whose ERC20 approvals are confirmed, ready to go into a batch. */
  List<Batch.ExternalToReserve> ready();

  /** {@code deposits} (from {@link #ready}) are in the batch journaled as {@code intentId}. */
  void included(List<Batch.ExternalToReserve> deposits, long intentId);

  /** The batch {@code intentId} landed and is mirrored, or failed. */
  void settled(long intentId, boolean landed);
}
