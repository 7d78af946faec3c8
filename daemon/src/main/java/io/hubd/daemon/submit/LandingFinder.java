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
 * Finds out whether an intent already landed: by the receipt of any of its attempts, or, for a batch, by the
 * Depository's {@code BatchProcessed} event carrying its hash. Stateless apart from the chain; thread-safe.
 */
final class LandingFinder {
  /** Blocks per {@code eth_getLogs} request when searching for a batch's event. */
  static final long LOG_WINDOW = 1_000;

  private final Chain chain;
  private final String depository;
  private final EntityId hub;

  LandingFinder(Chain chain, String depository, EntityId hub) {
    this.chain = Objects.requireNonNull(chain, "chain == null");
    this.depository = Objects.requireNonNull(depository, "depository == null");
    this.hub = Objects.requireNonNull(hub, "hub == null");
  }

  /** The receipt of whichever attempt is mined, checking every one, newest first. */
  Optional<TxReceipt> minedAttempt(List<Attempt> attempts) {
    for (int i = attempts.size() - 1; i >= 0; i--) {
      Optional<TxReceipt> receipt = chain.receipt(attempts.get(i).txHash());
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

  /**
   * The receipt of the transaction whose {@code BatchProcessed} event for the hub carries {@code batchHash},
   * searched from {@code fromBlock} to the head.
   */
  Optional<TxReceipt> batchProcessed(String batchHash, long fromBlock) {
    long head = chain.blockNumber();
    for (long from = Math.max(0, fromBlock); from <= head; from += LOG_WINDOW) {
      long to = Math.min(head, from + LOG_WINDOW - 1);
      for (ChainLog log : chain.logs(depository, from, to, List.of(DepositoryEvents.BATCH_PROCESSED))) {
        Optional<DepositoryEvent> event = DepositoryEvents.decode(log);
        if (event.isPresent() && event.get() instanceof DepositoryEvent.BatchProcessed processed
            && processed.entity().equals(hub) && processed.batchHash().equalsIgnoreCase(batchHash)) {
          return chain.receipt(processed.ref().transactionHash());
        }
      }
    }
    return Optional.empty();
  }
}
