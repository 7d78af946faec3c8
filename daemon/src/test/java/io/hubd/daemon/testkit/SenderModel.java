package io.hubd.daemon.testkit;

import io.hubd.contracts.Batch;
import io.hubd.contracts.BatchCall;
import io.hubd.contracts.RevertReason;
import io.hubd.daemon.chain.ChainError;
import io.hubd.daemon.chain.ChainException;
import io.hubd.daemon.chain.TxReceipt;
import java.math.BigInteger;
import java.security.SignatureException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import org.web3j.crypto.Hash;
import org.web3j.crypto.RawTransaction;
import org.web3j.crypto.SignedRawTransaction;
import org.web3j.crypto.TransactionDecoder;
import org.web3j.crypto.transaction.type.Transaction1559;
import org.web3j.utils.Numeric;

/**
 * One key's transactions on a {@link FakeNode}:
 *
 * <ul>
 *   <li>a mempool keyed by nonce, where a transaction replaces another of its nonce only when both its max fee and
 *       its tip are at least 10 % higher (else {@link ChainError#REPLACEMENT_UNDERPRICED}); a transaction sent again
 *       is {@link ChainError#ALREADY_KNOWN}, one below the mined nonces {@link ChainError#NONCE_TOO_LOW};
 *   <li>each block mined takes the pending transactions whose nonces follow on, each with a receipt (50,000 gas at
 *       the block's base fee) that fails when {@link #revertNextMined} said so;
 *   <li>a reorganisation forgets every transaction mined above the ancestor, receipts and nonces, as after
 *       {@code evm_revert}: they do not return to the mempool;
 *   <li>gas is estimated at 80,000 (or fails as scripted), the tip is 100 wei, the balance is zero (fees are not
 *       charged), and a simulation of the sender's transaction reverts with the reason scripted for it.
 * </ul>
 *
 * Transactions signed by another key, and questions about another address, fail loudly. Thread-safe: every method
 * synchronises on the model.
 */
public final class SenderModel {
  /** The selector of {@code processBatch}, with 0x. */
  private static final String PROCESS_BATCH = AbiWords.selector(BatchCall.of(Batch.builder()
      .externalToReserve(new Batch.ExternalToReserve(1, BigInteger.ONE)).build(), BigInteger.ONE).callData());

  private record Pending(String hash, String raw, BigInteger maxFee, BigInteger tip) {}

  private final String address;
  private final TreeMap<Long, Pending> mempool = new TreeMap<>();
  /** The block each mined nonce, ours or another process's, was mined in. */
  private final TreeMap<Long, Long> minedNonces = new TreeMap<>();
  private final Map<String, TxReceipt> receipts = new HashMap<>();
  private final List<String> broadcasts = new ArrayList<>();
  private Optional<ChainException> estimateFailure = Optional.empty();
  private Optional<RevertReason> revertNextMined = Optional.empty();
  private Optional<RevertReason> simulationRevert = Optional.empty();

  SenderModel(String address) {
    this.address = Objects.requireNonNull(address, "address == null");
  }

  public String address() {
    return address;
  }

  /** Gas estimates fail from now on as reverting with {@code reason}. */
  public synchronized void failEstimateWith(RevertReason reason) {
    estimateFailure = Optional.of(new ChainException(ChainError.REVERTED, "estimate reverted", reason, null));
  }

  /** The next transaction mined reverts (its receipt fails) with {@code reason}. */
  public synchronized void revertNextMined(RevertReason reason) {
    revertNextMined = Optional.of(reason);
  }

  /** Every simulation of a transaction of the sender reverts with {@code reason} (what replaying a revert finds). */
  public synchronized void simulationsRevertWith(RevertReason reason) {
    simulationRevert = Optional.of(reason);
  }

  /** Every signed transaction sent, in order, accepted or refused. */
  public synchronized List<String> broadcasts() {
    return List.copyOf(broadcasts);
  }

  public synchronized int pendingCount() {
    return mempool.size();
  }

  public synchronized BigInteger pendingMaxFee(long nonce) {
    return mempool.get(nonce).maxFee();
  }

  synchronized String send(String signedTransactionHex) {
    broadcasts.add(signedTransactionHex);
    String hash = Hash.sha3(signedTransactionHex);
    RawTransaction tx = TransactionDecoder.decode(signedTransactionHex);
    requireSender(tx);
    long nonce = tx.getNonce().longValueExact();
    Transaction1559 fees = (Transaction1559) tx.getTransaction();
    if (nonce < minedNonces.size()) {
      throw new ChainException(ChainError.NONCE_TOO_LOW, "nonce too low");
    }
    Pending existing = mempool.get(nonce);
    if (existing != null && existing.hash().equals(hash)) {
      throw new ChainException(ChainError.ALREADY_KNOWN, "already known");
    }
    if (existing != null && (!tenPercentAbove(fees.getMaxFeePerGas(), existing.maxFee())
        || !tenPercentAbove(fees.getMaxPriorityFeePerGas(), existing.tip()))) {
      throw new ChainException(ChainError.REPLACEMENT_UNDERPRICED, "replacement transaction underpriced");
    }
    mempool.put(nonce, new Pending(hash, signedTransactionHex, fees.getMaxFeePerGas(), fees.getMaxPriorityFeePerGas()));
    return hash;
  }

  /**
   * Block {@code number} (hash {@code blockHash}, base fee {@code baseFee}) takes the pending transactions whose
   * nonces follow on; returns how many of them were batches that succeeded.
   */
  synchronized int mine(long number, String blockHash, BigInteger baseFee) {
    int batches = 0;
    while (mempool.containsKey((long) minedNonces.size())) {
      long nonce = minedNonces.size();
      Pending tx = mempool.remove(nonce);
      boolean ok = revertNextMined.isEmpty();
      revertNextMined = Optional.empty();
      receipts.put(tx.hash(), new TxReceipt(tx.hash(), number, blockHash, ok, BigInteger.valueOf(50_000), baseFee,
          List.of()));
      minedNonces.put(nonce, number);
      if (ok && isBatch(tx.raw())) {
        batches++;
      }
    }
    return batches;
  }

  /** Another holder of the key takes the next nonce in block {@code number}; ours pending at it is dropped. */
  synchronized void nonceTakenElsewhere(long number) {
    long nonce = minedNonces.size();
    mempool.remove(nonce);
    minedNonces.put(nonce, number);
  }

  /** Forgets every transaction mined above block {@code ancestor}. */
  synchronized void reorgTo(long ancestor) {
    receipts.values().removeIf(r -> r.blockNumber() > ancestor);
    minedNonces.values().removeIf(block -> block > ancestor);
  }

  synchronized Optional<TxReceipt> receipt(String transactionHash) {
    return Optional.ofNullable(receipts.get(transactionHash));
  }

  synchronized BigInteger transactionCount(String address, boolean includePending) {
    requireAddress(address);
    long count = minedNonces.size();
    while (includePending && mempool.containsKey(count)) {
      count++;
    }
    return BigInteger.valueOf(count);
  }

  synchronized BigInteger transactionCountAt(String address, long block) {
    requireAddress(address);
    return BigInteger.valueOf(minedNonces.values().stream().filter(b -> b <= block).count());
  }

  synchronized BigInteger estimateGas(String from) {
    requireAddress(from);
    if (estimateFailure.isPresent()) {
      throw estimateFailure.get();
    }
    return BigInteger.valueOf(80_000);
  }

  BigInteger maxPriorityFeePerGas() {
    return BigInteger.valueOf(100);
  }

  BigInteger balance(String address) {
    requireAddress(address);
    return BigInteger.ZERO;
  }

  /** Whether the model answers simulations of transactions from {@code from}. */
  synchronized boolean simulates(String from) {
    return simulationRevert.isPresent() && from.equalsIgnoreCase(address);
  }

  synchronized Optional<ChainException> simulate() {
    RevertReason reason = simulationRevert.orElseThrow();
    return Optional.of(new ChainException(ChainError.REVERTED, "reverted", reason, null));
  }

  private static boolean tenPercentAbove(BigInteger offered, BigInteger existing) {
    return offered.multiply(BigInteger.TEN).compareTo(existing.multiply(BigInteger.valueOf(11))) >= 0;
  }

  private static boolean isBatch(String raw) {
    return AbiWords.selector(Numeric.prependHexPrefix(TransactionDecoder.decode(raw).getData()))
        .equals(PROCESS_BATCH);
  }

  private void requireSender(RawTransaction tx) {
    try {
      requireAddress(((SignedRawTransaction) tx).getFrom());
    } catch (SignatureException e) {
      throw new IllegalArgumentException("a transaction whose signature does not recover", e);
    }
  }

  private void requireAddress(String other) {
    if (!other.equalsIgnoreCase(address)) {
      throw new UnsupportedOperationException("the node models the transactions of " + address + ", not " + other);
    }
  }
}
