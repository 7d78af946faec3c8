package io.hubd.contracts;

import java.util.Objects;

/** Where a log sits on the chain: its block, transaction and index in the block. Immutable. */
public record LogRef(long blockNumber, String blockHash, String transactionHash, int logIndex) {
  public LogRef {
    if (blockNumber < 0) {
      throw new IllegalArgumentException("blockNumber < 0: " + blockNumber);
    }
    Objects.requireNonNull(blockHash, "blockHash == null");
    Objects.requireNonNull(transactionHash, "transactionHash == null");
    if (logIndex < 0) {
      throw new IllegalArgumentException("logIndex < 0: " + logIndex);
    }
  }
}
