package io.hubd.daemon.submit;

/** Where an intent is in the pipeline. {@link #CONFIRMED} and {@link #FAILED} are final. */
public enum IntentState {
  /** Journaled; no transaction signed yet. */
  QUEUED,
  /** A transaction is signed and journaled but no node has accepted it yet. */
  SIGNED,
  /** A node accepted a transaction; waiting for it (or a fee-bumped replacement) to be mined. */
  SENT,
  /** A transaction is mined (successful or reverted); waiting for confirmations. */
  MINED,
  /** Mined successfully and buried under the configured confirmations. */
  CONFIRMED,
  /** Will never land: the gas estimate reverted, or the mined transaction reverted. */
  FAILED;

  public boolean isFinal() {
    return this == CONFIRMED || this == FAILED;
  }
}
