package io.hubd.daemon.mirror;

import io.hubd.daemon.chain.ChainException;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Polls a {@link Mirror} on an executor the caller owns: every {@code pollInterval}, polls until the mirror is caught
 * up (so catching up runs range after range without waiting). A failed poll is logged and retried at the next tick.
 * Closing stops the polling, not the executor. Thread-safe.
 */
public final class MirrorRunner implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(MirrorRunner.class);

  private final Mirror mirror;
  private final ScheduledExecutorService executor;
  private final Duration pollInterval;
  private volatile boolean closed;
  private ScheduledFuture<?> task;

  public MirrorRunner(Mirror mirror, ScheduledExecutorService executor, Duration pollInterval) {
    this.mirror = Objects.requireNonNull(mirror, "mirror == null");
    this.executor = Objects.requireNonNull(executor, "executor == null");
    this.pollInterval = Objects.requireNonNull(pollInterval, "pollInterval == null");
    if (pollInterval.isNegative() || pollInterval.isZero()) {
      throw new IllegalArgumentException("pollInterval must be positive: " + pollInterval);
    }
  }

  public synchronized void start() {
    if (task != null) {
      throw new IllegalStateException("already started");
    }
    task = executor.scheduleWithFixedDelay(this::tick, 0, pollInterval.toMillis(), TimeUnit.MILLISECONDS);
  }

  private void tick() {
    try {
      PollResult result;
      do {
        result = mirror.pollOnce();
      } while (!closed && !result.caughtUp() && result.outcome() != PollResult.Outcome.INCONSISTENT);
    } catch (ChainException e) {
      log.warn("mirror poll failed ({}): {}; retrying in {}", e.error(), e.getMessage(), pollInterval);
    } catch (RuntimeException e) {
      // a periodic task that throws is never run again: keep the mirror polling and make the failure loud
      log.error("mirror poll failed; retrying in {}", pollInterval, e);
    }
  }

  @Override
  public synchronized void close() {
    closed = true;
    if (task != null) {
      task.cancel(false);
    }
  }
}
