package io.hubd.daemon.submit;

import io.hubd.contracts.ChainLog;
import io.hubd.contracts.DepositoryCalls;
import io.hubd.contracts.DepositoryEvent;
import io.hubd.contracts.DepositoryEvents;
import io.hubd.contracts.EntityId;
import io.hubd.daemon.chain.Chain;
import io.hubd.daemon.chain.TxReceipt;
import java.math.BigInteger;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Finds out whether an intent already landed, trusting only positive answers: the receipt of any of its attempts
 * (from the preferred endpoint, or from every endpoint), the hub's batch nonce on chain, and the Depository's
 * {@code BatchProcessed} event of a batch nonce. An empty answer never means "not landed": nodes behind a load
 * balancer serve receipts and logs of the newest blocks late. Stateless apart from the chain; thread-safe.
 */
final class LandingFinder {
  /** Blocks per {@code eth_getLogs} request when searching for a batch's event. */
  static final long LOG_WINDOW = 1_000;

  private final Chain chain;
  private final String depository;
  private final EntityId hub;
  private final String hubAddress;

  /** What one node says at one block: the chain head, and the hub key's nonce and batch nonce as of it. */
  record Snapshot(long block, long accountNonce, BigInteger batchNonce) {}

  LandingFinder(Chain chain, String depository, EntityId hub) {
    this.chain = Objects.requireNonNull(chain, "chain == null");
    this.depository = Objects.requireNonNull(depository, "depository == null");
    this.hub = Objects.requireNonNull(hub, "hub == null");
    this.hubAddress = hub.address().orElseThrow(() -> new IllegalArgumentException("the hub must be an address"));
  }

  /** The receipt of whichever attempt the preferred endpoint has mined, checking every one, newest first. */
  Optional<TxReceipt> minedAttempt(List<Attempt> attempts) {
    return mined(attempts, chain::receipt);
  }

  /** The receipt of whichever attempt any endpoint has mined, newest attempt first. */
  Optional<TxReceipt> minedAttemptOnAnyEndpoint(List<Attempt> attempts) {
    return mined(attempts, chain::receiptFromAnyEndpoint);
  }

  private static Optional<TxReceipt> mined(
      List<Attempt> attempts, java.util.function.Function<String, Optional<TxReceipt>> lookup) {
    for (int i = attempts.size() - 1; i >= 0; i--) {
      Optional<TxReceipt> receipt = lookup.apply(attempts.get(i).txHash());
      if (receipt.isPresent()) {
        return receipt;
      }
    }
    return Optional.empty();
  }

  /** The hub's batch nonce on chain (latest block). */
  BigInteger batchNonce() {
    return chain.view(depository, DepositoryCalls.batchNonceOf(hub));
  }

  /** The head, the key's account nonce and the batch nonce, all from one node and as of one block. */
  Snapshot snapshot() {
    return chain.onOneEndpoint(node -> {
      long head = node.blockNumber();
      return new Snapshot(head, node.transactionCountAt(hubAddress, head).longValueExact(),
          node.view(depository, DepositoryCalls.batchNonceOf(hub), head));
    });
  }

  /**
   * The hub's {@code BatchProcessed} event of {@code batchNonce} (whatever batch it carries), searched from
   * {@code fromBlock} to the head. Empty when no node served it yet.
   */
  Optional<DepositoryEvent.BatchProcessed> batchEvent(BigInteger batchNonce, long fromBlock) {
    long head = chain.blockNumber();
    for (long from = Math.max(0, fromBlock); from <= head; from += LOG_WINDOW) {
      long to = Math.min(head, from + LOG_WINDOW - 1);
      for (ChainLog log : chain.logs(depository, from, to, List.of(DepositoryEvents.BATCH_PROCESSED))) {
        Optional<DepositoryEvent> event = DepositoryEvents.decode(log);
        if (event.isPresent() && event.get() instanceof DepositoryEvent.BatchProcessed processed
            && processed.entity().equals(hub) && processed.batchNonce().equals(batchNonce)) {
          return Optional.of(processed);
        }
      }
    }
    return Optional.empty();
  }

  /** A transaction's receipt from any endpoint. */
  Optional<TxReceipt> receipt(String transactionHash) {
    return chain.receiptFromAnyEndpoint(transactionHash);
  }
}
