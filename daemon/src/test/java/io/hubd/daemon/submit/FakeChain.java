package io.hubd.daemon.submit;

import io.hubd.contracts.RevertReason;
import io.hubd.daemon.chain.BlockHeader;
import io.hubd.daemon.chain.Chain;
import io.hubd.daemon.chain.ChainError;
import io.hubd.daemon.chain.ChainException;
import io.hubd.daemon.chain.TxReceipt;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.TreeMap;
import org.web3j.crypto.Hash;
import org.web3j.crypto.RawTransaction;
import org.web3j.crypto.TransactionDecoder;
import org.web3j.crypto.transaction.type.Transaction1559;
import io.hubd.contracts.ChainLog;
import org.web3j.utils.Numeric;

/**
 * A hand-written in-memory chain for unit tests of the pipeline's state machine: one sender, a mempool keyed by
 * nonce with the 10 % replacement rule, blocks mined on demand, receipts that a reorganisation can remove. Only
 * what the pipeline calls is modelled. Not thread-safe.
 */
final class FakeChain implements Chain {
  static final long CHAIN_ID = 31337;
  /** The selector of {@code processBatch}, without 0x. */
  private static final String PROCESS_BATCH =
      io.hubd.contracts.BatchCall.of(io.hubd.contracts.Batch.builder().externalToReserve(
          new io.hubd.contracts.Batch.ExternalToReserve(1, BigInteger.ONE)).build(), BigInteger.ONE)
          .callData().substring(2, 10);

  private final TreeMap<Long, Pending> mempool = new TreeMap<>();
  private final Map<String, TxReceipt> receipts = new HashMap<>();
  private final List<String> broadcasts = new ArrayList<>();
  private long head = 100;
  private long minedNonces;
  private int reorgs;
  private BigInteger baseFee = BigInteger.valueOf(1_000);
  private BigInteger batchNonce = BigInteger.ZERO;
  private Optional<ChainException> estimateFailure = Optional.empty();
  private Optional<RevertReason> revertNextMined = Optional.empty();
  private boolean batchNonceFollowsMinedBatches;
  private int receiptLag;

  private record Pending(String hash, String raw, BigInteger maxFee, BigInteger tip) {}

  /** Mines one block holding the pending transactions whose nonces follow on. */
  void mine() {
    head++;
    while (mempool.containsKey(minedNonces)) {
      Pending tx = mempool.remove(minedNonces);
      boolean ok = revertNextMined.isEmpty();
      revertNextMined = Optional.empty();
      receipts.put(tx.hash(), new TxReceipt(tx.hash(), head, blockHash(head), ok, BigInteger.valueOf(50_000),
          baseFee, List.of()));
      if (ok && batchNonceFollowsMinedBatches
          && Numeric.cleanHexPrefix(TransactionDecoder.decode(tx.raw()).getData()).startsWith(PROCESS_BATCH)) {
        batchNonce = batchNonce.add(BigInteger.ONE);
      }
      minedNonces++;
    }
  }

  void mineEmpty(int blocks) {
    head += blocks;
  }

  /** Removes every receipt mined after {@code block}; their transactions are forgotten, as after evm_revert. */
  void reorgTo(long block) {
    List<String> gone = receipts.values().stream().filter(r -> r.blockNumber() > block)
        .map(TxReceipt::transactionHash).toList();
    gone.forEach(receipts::remove);
    minedNonces -= gone.size();
    head = block;
    reorgs++;
  }

  /** Another key holder used {@code nonce}: it is mined with a transaction pipeline never saw. */
  void takeNonceElsewhere() {
    mempool.remove(minedNonces);
    minedNonces++;
    head++;
  }

  /** Each successful batch mined moves the hub's batch nonce on, as the Depository does. */
  void batchNonceFollowsMinedBatches() {
    batchNonceFollowsMinedBatches = true;
  }

  /** Receipts are served only once {@code blocks} blocks are mined on top of them, as a lagging provider does. */
  void lagReceipts(int blocks) {
    receiptLag = blocks;
  }

  void failEstimateWith(RevertReason reason) {
    estimateFailure = Optional.of(new ChainException(ChainError.REVERTED, "estimate reverted", reason, null));
  }

  void revertNextMined(RevertReason reason) {
    revertNextMined = Optional.of(reason);
  }

  void baseFee(BigInteger fee) {
    baseFee = fee;
  }

  void batchNonce(BigInteger nonce) {
    batchNonce = nonce;
  }

  List<String> broadcasts() {
    return broadcasts;
  }

  int pendingCount() {
    return mempool.size();
  }

  BigInteger pendingMaxFee(long nonce) {
    return mempool.get(nonce).maxFee();
  }

  private String blockHash(long number) {
    return Numeric.toHexStringWithPrefixZeroPadded(BigInteger.valueOf(number * 1_000 + reorgs), 64);
  }

  @Override
  public long chainId() {
    return CHAIN_ID;
  }

  @Override
  public long blockNumber() {
    return head;
  }

  @Override
  public Optional<BlockHeader> block(long number) {
    if (number > head) {
      return Optional.empty();
    }
    return Optional.of(new BlockHeader(number, blockHash(number), blockHash(Math.max(0, number - 1)), number,
        Optional.of(baseFee), BlockHeader.EMPTY_BLOOM));
  }

  @Override
  public List<ChainLog> logs(String address, long fromBlock, long toBlock, List<String> topics0) {
    return List.of();
  }

  @Override
  public List<ChainLog> logsOfBlock(String address, String blockHash, List<String> topics0) {
    return List.of();
  }

  @Override
  public String call(String to, String data, OptionalLong block) {
    return Numeric.toHexStringWithPrefixZeroPadded(batchNonce, 64); // batchNonceOf is the only view the pipeline uses
  }

  @Override
  public Optional<ChainException> simulate(String from, String to, String data, OptionalLong block) {
    return Optional.of(new ChainException(ChainError.REVERTED, "replayed", new RevertReason("Replayed", Map.of()),
        null));
  }

  @Override
  public BigInteger estimateGas(String from, String to, String data) {
    if (estimateFailure.isPresent()) {
      throw estimateFailure.get();
    }
    return BigInteger.valueOf(80_000);
  }

  @Override
  public String sendRawTransaction(String signedTransactionHex) {
    broadcasts.add(signedTransactionHex);
    String hash = Hash.sha3(signedTransactionHex);
    RawTransaction tx = TransactionDecoder.decode(signedTransactionHex);
    long nonce = tx.getNonce().longValueExact();
    Transaction1559 fees = (Transaction1559) tx.getTransaction();
    if (nonce < minedNonces) {
      throw new ChainException(ChainError.NONCE_TOO_LOW, "nonce too low");
    }
    Pending existing = mempool.get(nonce);
    if (existing != null && existing.hash().equals(hash)) {
      throw new ChainException(ChainError.ALREADY_KNOWN, "already known");
    }
    if (existing != null && (fees.getMaxFeePerGas().multiply(BigInteger.TEN)
        .compareTo(existing.maxFee().multiply(BigInteger.valueOf(11))) < 0
        || fees.getMaxPriorityFeePerGas().multiply(BigInteger.TEN)
        .compareTo(existing.tip().multiply(BigInteger.valueOf(11))) < 0)) {
      throw new ChainException(ChainError.REPLACEMENT_UNDERPRICED, "replacement transaction underpriced");
    }
    mempool.put(nonce, new Pending(hash, signedTransactionHex, fees.getMaxFeePerGas(),
        fees.getMaxPriorityFeePerGas()));
    return hash;
  }

  @Override
  public Optional<TxReceipt> receipt(String transactionHash) {
    return Optional.ofNullable(receipts.get(transactionHash)).filter(r -> head - r.blockNumber() >= receiptLag);
  }

  @Override
  public BigInteger transactionCount(String address, boolean includePending) {
    long count = minedNonces;
    while (includePending && mempool.containsKey(count)) {
      count++;
    }
    return BigInteger.valueOf(count);
  }

  @Override
  public BigInteger transactionCountAt(String address, long block) {
    return transactionCount(address, false);
  }

  @Override
  public BigInteger maxPriorityFeePerGas() {
    return BigInteger.valueOf(100);
  }

  @Override
  public BigInteger balance(String address) {
    return BigInteger.ZERO;
  }

  @Override
  public void refreshHeads() {}
}
