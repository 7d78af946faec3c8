package io.hubd.daemon.chain;

import io.hubd.contracts.ChainLog;
import io.hubd.contracts.ViewCall;
import java.math.BigInteger;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * hubd's view of an EVM node: the JSON-RPC calls it makes, with retries and endpoint failover behind them.
 * Every failure is a {@link ChainException}. Implementations are thread-safe; calls block.
 */
public interface Chain {

  long chainId();

  long blockNumber();

  Optional<BlockHeader> block(long number);

  /**
   * Logs of {@code address} in [{@code fromBlock}, {@code toBlock}] whose first topic is one of {@code topics0}.
   * Throws {@link ChainError#RANGE_TOO_LARGE} when the node refuses the range.
   */
  List<ChainLog> logs(String address, long fromBlock, long toBlock, List<String> topics0);

  /**
   * Logs of {@code address} in the block whose hash is {@code blockHash} (EIP-234) whose first topic is one of
   * {@code topics0}. A node that does not have the block refuses ({@link ChainException}) rather than answer, so an
   * empty list is positive: the block holds no such log.
   */
  List<ChainLog> logsOfBlock(String address, String blockHash, List<String> topics0);

  /** {@code eth_call} at {@code block} (latest when empty); {@link ChainError#REVERTED} carries the reason. */
  String call(String to, String data, OptionalLong block);

  default <T> T view(String to, ViewCall<T> call) {
    return call.decode(call(to, call.data(), OptionalLong.empty()));
  }

  default <T> T view(String to, ViewCall<T> call, long block) {
    return call.decode(call(to, call.data(), OptionalLong.of(block)));
  }

  /** {@code eth_call} of a transaction as {@code from} at {@code block}: empty when it succeeds, else the revert. */
  Optional<ChainException> simulate(String from, String to, String data, OptionalLong block);

  BigInteger estimateGas(String from, String to, String data);

  /** Broadcasts a signed transaction; returns its hash. */
  String sendRawTransaction(String signedTransactionHex);

  Optional<TxReceipt> receipt(String transactionHash);

  /**
   * The receipt as any endpoint serves it: asks every configured endpoint in turn (not only the preferred one) and
   * returns the first receipt found. Empty when none has it, or when none answered. For a single endpoint the same
   * as {@link #receipt}.
   */
  default Optional<TxReceipt> receiptFromAnyEndpoint(String transactionHash) {
    return receipt(transactionHash);
  }

  BigInteger transactionCount(String address, boolean includePending);

  /** Transactions of {@code address} mined up to and including {@code block}: its account nonce after that block. */
  BigInteger transactionCountAt(String address, long block);

  /**
   * Runs {@code reads} with every call answered by one endpoint, so that answers combined into one decision (a head
   * and the state at it, a nonce and a batch nonce) come from a node that has seen them all. For a single endpoint
   * the same as calling {@code reads} on this chain. Failures of that endpoint are not failed over.
   */
  default <T> T onOneEndpoint(java.util.function.Function<Chain, T> reads) {
    return reads.apply(this);
  }

  BigInteger maxPriorityFeePerGas();

  BigInteger balance(String address);

  /** Probes every endpoint's head and marks those lagging behind the best as stale. */
  void refreshHeads();
}
