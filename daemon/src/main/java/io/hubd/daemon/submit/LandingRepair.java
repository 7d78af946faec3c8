package io.hubd.daemon.submit;

import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Repairs the journal when a transaction it recorded as mined left the chain: the intent is open again and its
 * signed transaction is sent again as it was (never re-encoded), or, if it had reverted or been cancelled, its nonce
 * is taken by a cancel so that it cannot land now. A confirmed one lost this way is a reorganisation deeper than the
 * confirmations: logged as an error and counted. Called by the pipeline's thread only.
 */
final class LandingRepair {
  private static final Logger log = LoggerFactory.getLogger(LandingRepair.class);

  private final Journal journal;
  private final LandingCheck check;
  private final SubmitMetrics metrics;
  private final int confirmations;

  LandingRepair(Journal journal, LandingCheck check, SubmitMetrics metrics, int confirmations) {
    this.journal = Objects.requireNonNull(journal, "journal == null");
    this.check = Objects.requireNonNull(check, "check == null");
    this.metrics = Objects.requireNonNull(metrics, "metrics == null");
    this.confirmations = confirmations;
  }

  /**
   * Checks that an intent recorded as mined is still on the chain; if its block left the chain, the intent is open
   * again: its signed transaction is sent again (a reverted or cancelled one is replaced by a cancel, so that it
   * cannot land now).
   */
  Verified verify(JournaledIntent intent) {
    Landing landing = intent.landing().orElseThrow();
    LandingCheck.Result result = check.check(landing, journal.attempts(intent.id()));
    if (result instanceof LandingCheck.Unknown) {
      return Verified.UNKNOWN;
    }
    if (result instanceof LandingCheck.Moved moved) {
      journal.markMined(intent.id(), Landing.of(moved.receipt()));
      log.info("intent {}: transaction {} is now in block {}", intent.id(), moved.receipt().transactionHash(),
          moved.receipt().blockNumber());
      return Verified.ON_CHAIN;
    }
    if (!(result instanceof LandingCheck.Gone)) {
      return Verified.ON_CHAIN;
    }
    boolean lostOutcome = intent.state().isFinal();
    boolean cancel = intent.cancelRequested() || intent.state() == IntentState.FAILED;
    journal.reopen(intent.id(), cancel);
    if (lostOutcome) {
      metrics.deepReorg();
      log.error("intent {} ({}): a reorganisation deeper than the {} confirmations removed block {} with its"
              + " {} transaction {}; {}", intent.id(), intent.intent().purpose(), confirmations,
          landing.blockNumber(), intent.state().name().toLowerCase(java.util.Locale.ROOT), landing.txHash(),
          cancel ? "taking its nonce with a cancel" : "sending it again as signed");
    } else {
      log.warn("intent {}: transaction {} left the chain (reorganisation); sending it again", intent.id(),
          landing.txHash());
    }
    return Verified.REOPENED;
  }

  /** What checking a recorded landing found. */
  enum Verified {
    /** Still on the chain (perhaps in another block). */
    ON_CHAIN,
    /** Gone: the intent is open again. */
    REOPENED,
    /** The node has not reached the block: look again later. */
    UNKNOWN
  }
}
