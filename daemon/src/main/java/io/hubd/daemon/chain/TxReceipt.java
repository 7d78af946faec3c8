package io.hubd.daemon.chain;

import io.hubd.contracts.ChainLog;
import java.math.BigInteger;
import java.util.List;
import java.util.Objects;

/** A mined transaction's receipt. Immutable. */
public record TxReceipt(
    String transactionHash,
    long blockNumber,
    String blockHash,
    boolean success,
    BigInteger gasUsed,
    BigInteger effectiveGasPrice,
    List<ChainLog> logs) {
  public TxReceipt {
    Objects.requireNonNull(transactionHash, "transactionHash == null");
    Objects.requireNonNull(blockHash, "blockHash == null");
    Objects.requireNonNull(gasUsed, "gasUsed == null");
    Objects.requireNonNull(effectiveGasPrice, "effectiveGasPrice == null");
    logs = List.copyOf(logs);
  }
}
