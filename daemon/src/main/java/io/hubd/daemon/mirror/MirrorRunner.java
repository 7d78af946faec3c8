package io.hubd.daemon.mirror;

import java.util.Objects;

/**
 * The mirror loop's step: polls the {@link Mirror} until it is caught up, so catching up runs range after range
 * without waiting for the next step. A failing poll propagates ({@link io.hubd.daemon.chain.ChainException} when the
 * node cannot be reached), for the loop to log and count. Closing makes a step in progress stop after its current
 * poll. Thread-safe.
 */
public final class MirrorRunner implements AutoCloseable {
  private final Mirror mirror;
  private volatile boolean closed;

  public MirrorRunner(Mirror mirror) {
    this.mirror = Objects.requireNonNull(mirror, "mirror == null");
  }

  /** Polls until the mirror has reached the head minus the confirmations (or the node answers inconsistently). */
  public void pollUntilCaughtUp() {
    PollResult result;
    do {
      result = mirror.pollOnce();
    } while (!closed && !result.caughtUp() && result.outcome() != PollResult.Outcome.INCONSISTENT);
  }

  @Override
  public void close() {
    closed = true;
  }
}
