package io.hubd.contracts;

import java.util.List;
import java.util.Objects;
import org.web3j.protocol.core.methods.response.Log;
import org.web3j.utils.Numeric;

/**
 * One log as a node served it: the emitting contract, its topics and data, and where it sits on the chain. The
 * project's own immutable type, so that only the code talking to the node sees web3j's mutable {@code Log}.
 *
 * @param address the emitting contract, as the node spelled it
 * @param topics topic 0 (the event signature) first; never null, may be empty (anonymous events)
 * @param data the non-indexed ABI words, 0x hex ({@code "0x"} when empty)
 * @param removed the node reports the log as removed by a reorganisation
 */
public record ChainLog(
    String address,
    List<String> topics,
    String data,
    long blockNumber,
    String blockHash,
    String transactionHash,
    int logIndex,
    boolean removed) {

  public ChainLog {
    Objects.requireNonNull(address, "address == null");
    topics = List.copyOf(Objects.requireNonNull(topics, "topics == null"));
    Objects.requireNonNull(data, "data == null");
    if (blockNumber < 0) {
      throw new IllegalArgumentException("blockNumber < 0: " + blockNumber);
    }
    Objects.requireNonNull(blockHash, "blockHash == null");
    Objects.requireNonNull(transactionHash, "transactionHash == null");
    if (logIndex < 0) {
      throw new IllegalArgumentException("logIndex < 0: " + logIndex);
    }
  }

  /**
   * The log web3j parsed from a node's answer. Throws {@link IllegalArgumentException} for a log without a block
   * number, block hash, transaction hash or index (a pending log: nodes only send those for pending blocks).
   */
  public static ChainLog of(Log log) {
    Objects.requireNonNull(log, "log == null");
    return new ChainLog(
        require(log.getAddress(), "address"),
        log.getTopics() == null ? List.of() : log.getTopics(),
        log.getData() == null ? "0x" : log.getData(),
        quantity(log.getBlockNumberRaw(), "blockNumber"),
        require(log.getBlockHash(), "blockHash"),
        require(log.getTransactionHash(), "transactionHash"),
        Math.toIntExact(quantity(log.getLogIndexRaw(), "logIndex")),
        log.isRemoved());
  }

  /** Where the log sits. */
  public LogRef ref() {
    return new LogRef(blockNumber, blockHash, transactionHash, logIndex);
  }

  private static String require(String value, String field) {
    if (value == null) {
      throw new IllegalArgumentException("log has no " + field);
    }
    return value;
  }

  private static long quantity(String hex, String field) {
    return Long.parseUnsignedLong(Numeric.cleanHexPrefix(require(hex, field)), 16);
  }
}
