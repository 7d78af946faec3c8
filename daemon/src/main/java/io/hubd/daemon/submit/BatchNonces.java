package io.hubd.daemon.submit;

import java.math.BigInteger;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Chooses the batch nonce a new batch is signed with, and notices batches the journal never signed. The next nonce
 * is one past the larger of the chain's batch nonce and the newest batch the journal signed that may have used its
 * nonce (so a batch mined but not yet shown by a lagging node is counted). When the chain's batch nonce is above
 * both that and the nonces seen before (the chain's when this journal began, and foreign batches the operator
 * acknowledged by resuming), a batch of another process landed: submission stops. Thread-safe: it keeps no state of
 * its own.
 */
final class BatchNonces {
  private final LandingFinder finder;
  private final Journal journal;
  private final SubmitHalts halts;
  private final Supplier<BigInteger> journalStart;

  /** @param journalStart the hub's batch nonce on chain when this journal was first used */
  BatchNonces(LandingFinder finder, Journal journal, SubmitHalts halts, Supplier<BigInteger> journalStart) {
    this.finder = Objects.requireNonNull(finder, "finder == null");
    this.journal = Objects.requireNonNull(journal, "journal == null");
    this.halts = Objects.requireNonNull(halts, "halts == null");
    this.journalStart = Objects.requireNonNull(journalStart, "journalStart == null");
  }

  /** The batch nonce to sign a new batch with; empty (and submission halted) when a foreign batch landed. */
  Optional<BigInteger> next() {
    BigInteger onChain = finder.batchNonce();
    BigInteger own = journal.highestBatchNonce().orElse(BigInteger.ZERO);
    BigInteger known = own.max(seenBefore());
    if (onChain.compareTo(known) > 0) {
      halts.raise(SubmitHalts.Reason.FOREIGN_BATCH, "the hub's batch nonce on chain is " + onChain
          + " but this journal signed batches only up to " + known, Optional.of(onChain));
      return Optional.empty();
    }
    return Optional.of(onChain.max(own).add(BigInteger.ONE));
  }

  /**
   * A batch of the hub landed with {@code batchNonce} and {@code batchHash} in {@code transaction}: when the journal
   * never signed it (and it is newer than the journal), submission stops.
   */
  void observed(BigInteger batchNonce, String batchHash, String transaction) {
    if (batchNonce.compareTo(seenBefore()) <= 0 || journal.signedBatch(batchNonce, batchHash)) {
      return;
    }
    halts.raise(SubmitHalts.Reason.FOREIGN_BATCH, "batch nonce " + batchNonce + " of the hub landed in transaction "
        + transaction + " with a batch this journal never signed (" + batchHash + ")", Optional.of(batchNonce));
  }

  /** Batch nonces up to this are not foreign: on chain before the journal began, or acknowledged on resuming. */
  private BigInteger seenBefore() {
    return journalStart.get().max(halts.highestForeignBatchNonce());
  }
}
