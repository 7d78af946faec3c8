package io.hubd.daemon.mirror;

import java.util.Objects;

/** A batch the hub had processed: its nonce, hash, and where it was mined. Immutable. */
public record MirroredBatch(
    long batchNonce, String batchHash, String transactionHash, long blockNumber, String blockHash, int logIndex) {

  public MirroredBatch {
    if (batchNonce < 1) {
      throw new IllegalArgumentException("batchNonce < 1: " + batchNonce);
    }
    Objects.requireNonNull(batchHash, "batchHash == null");
    Objects.requireNonNull(transactionHash, "transactionHash == null");
    Objects.requireNonNull(blockHash, "blockHash == null");
  }
}
