package io.hubd.daemon.mirror;

import java.util.Objects;

/**
 * What one {@link Mirror#pollOnce()} did. Immutable.
 *
 * @param fromBlock with {@link Outcome#ADVANCED}, the first block applied; with {@link Outcome#ROLLED_BACK} and
 *     {@link Outcome#RESYNCED}, the first block whose effects were undone or re-read
 * @param toBlock the last block applied, undone or re-read
 * @param events hub events applied
 * @param checkpoint the checkpoint after the poll (-1 when the mirror has not started)
 * @param target the block the mirror is heading for: the head minus the confirmations
 */
public record PollResult(Outcome outcome, long fromBlock, long toBlock, int events, long checkpoint, long target) {

  /** What kind of step a poll took. */
  public enum Outcome {
    /** Nothing to do: the checkpoint is at the target. */
    IDLE,
    /** A range of blocks was applied and the checkpoint moved forward. */
    ADVANCED,
    /** The checkpoint was no longer on the chain; the mirror rolled back to the common ancestor. */
    ROLLED_BACK,
    /** A reorganisation deeper than the window: the mirror was re-read from the contract at the target block. */
    RESYNCED,
    /** The node answered inconsistently (a reorganisation under way); nothing changed, poll again. */
    INCONSISTENT
  }

  public PollResult {
    Objects.requireNonNull(outcome, "outcome == null");
  }

  /** True when the checkpoint has reached the target. */
  public boolean caughtUp() {
    return checkpoint >= target;
  }
}
