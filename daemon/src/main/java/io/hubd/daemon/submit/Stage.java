package io.hubd.daemon.submit;

/** Points in the pipeline at which a step has just become durable; see {@link StageListener}. */
public enum Stage {
  /** An intent is in the journal, nothing signed. */
  JOURNALED,
  /** A transaction (first or fee-bumped) is signed and journaled, not yet broadcast. */
  SIGNED,
  /** A node accepted a transaction and the journal records it. */
  BROADCAST,
  /** A mined transaction is recorded; not yet confirmed. */
  MINED,
  /** The final outcome (confirmed or failed) is recorded; the listener is not yet told. */
  SETTLED
}
