package io.hubd.daemon.mirror;

import java.math.BigInteger;

/**
 * Told about mirrored changes after they are committed, on the mirror's polling thread: callbacks must return
 * quickly and never block (hand work to another executor). An exception thrown here is logged and ignored. One
 * range's changes are coalesced: each key is reported once, with its value at the end of the range.
 */
public interface MirrorListener {

  default void onReserveUpdated(int tokenId, BigInteger balance, long block) {}

  default void onAccountUpdated(MirroredAccount account) {}

  default void onBatchProcessed(MirroredBatch batch) {}

  /**
   * The blocks above {@code newCheckpoint} up to {@code previousCheckpoint} are no longer part of the chain; the
   * keys they had changed are reported again with their restored values right after this call.
   */
  default void onRolledBack(long newCheckpoint, long previousCheckpoint) {}

  /**
   * Everything the mirror holds up to {@code block} has now been reported: called last for each range applied (also
   * an empty one) and after a rollback's reports. The mirror's own checkpoint moves before the reports are made, so
   * a listener that keeps state from them asks this, not {@link MirrorView#checkpoint()}, how far it has heard.
   */
  default void onCheckpoint(long block) {}
}
