package io.hubd.daemon.jobs;

/** Where a job is. A job is done only when the mirror shows its effect, never when a transaction is sent. */
public enum JobState {
  /** Waiting for a batch (again, after a failed one: the reason says why). */
  ACCEPTED,
  /** In a batch that is journaled but not yet on its way. */
  PLANNED,
  /** In a batch sent to the chain. */
  SUBMITTED,
  /** Its effect is mirrored from the chain. */
  CONFIRMED,
  /** It will not be served; the reason says why. */
  FAILED;

  public boolean isOpen() {
    return this != CONFIRMED && this != FAILED;
  }
}
