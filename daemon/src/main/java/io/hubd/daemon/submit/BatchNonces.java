package io.hubd.daemon.submit;

import java.math.BigInteger;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Chooses the batch nonce a new batch is signed with, and notices batches the journal never signed. The next nonce
 * is one past the chain's batch nonce, and only when the chain shows every batch the journal signed that may have
 * used its nonce: a batch nonce is never signed above a gap (a node that lags, or a reorganisation that took a
 * landed batch off the chain, is waited out and checked). When the chain's batch nonce is above
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

  /** What {@link #next} found. */
  sealed interface Next {}

  /** Sign with this batch nonce. */
  record Sign(BigInteger batchNonce) implements Next {}

  /** A batch of another process landed: submission is halted. */
  record Foreign() implements Next {}

  /**
   * The journal has batches that used their nonce above {@code onChain} (the chain's batch nonce as read): the node
   * lags, or a reorganisation took them off the chain. Nothing may be signed above them; check their landings.
   */
  record Behind(BigInteger onChain) implements Next {}

  /** The batch nonce to sign a new batch with, or why there is none now. */
  Next next() {
    BigInteger onChain = finder.batchNonce();
    BigInteger own = journal.highestBatchNonce().orElse(BigInteger.ZERO);
    BigInteger known = own.max(seenBefore());
    if (onChain.compareTo(known) > 0) {
      halts.raise(SubmitHalts.Reason.FOREIGN_BATCH, "the hub's batch nonce on chain is " + onChain
          + " but this journal signed batches only up to " + known, Optional.of(onChain));
      return new Foreign();
    }
    if (own.compareTo(onChain) > 0) {
      return new Behind(onChain);
    }
    return new Sign(onChain.add(BigInteger.ONE));
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
