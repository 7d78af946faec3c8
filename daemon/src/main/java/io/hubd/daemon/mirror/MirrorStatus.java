package io.hubd.daemon.mirror;

import java.util.Optional;

/** The last head the mirror saw and its checkpoint, for the view and the gauges. Thread-safe. */
final class MirrorStatus {
  private final int confirmations;
  private volatile long head = -1;
  private volatile Optional<Checkpoint> checkpoint = Optional.empty();

  MirrorStatus(int confirmations) {
    this.confirmations = confirmations;
  }

  void head(long head) {
    this.head = head;
  }

  void checkpoint(Optional<Checkpoint> checkpoint) {
    this.checkpoint = checkpoint;
  }

  long head() {
    return head;
  }

  long checkpointNumber() {
    return checkpoint.map(Checkpoint::number).orElse(-1L);
  }

  long headLag() {
    return head < 0 ? 0 : Math.max(0, head - checkpointNumber());
  }

  boolean isCaughtUp() {
    return head >= 0 && checkpoint.isPresent() && checkpointNumber() >= head - confirmations;
  }
}
