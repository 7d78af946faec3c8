package io.hubd.daemon.app;

import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs one step function on its own named thread, every {@code interval} and as soon as possible after
 * {@link #kick()} (kicks coalesce). A step that throws is logged and the loop goes on. Closing stops the thread.
 */
final class Loop implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(Loop.class);

  private final String name;
  private final Runnable step;
  private final ScheduledExecutorService executor;
  private final AtomicBoolean kicked = new AtomicBoolean();

  Loop(String name, Duration interval, Runnable step) {
    this.name = Objects.requireNonNull(name, "name == null");
    this.step = Objects.requireNonNull(step, "step == null");
    this.executor = Executors.newSingleThreadScheduledExecutor(daemonThreads(name));
    executor.scheduleWithFixedDelay(this::run, interval.toMillis(), interval.toMillis(), TimeUnit.MILLISECONDS);
  }

  /** Threads named {@code name} that do not keep the JVM alive. */
  static ThreadFactory daemonThreads(String name) {
    Objects.requireNonNull(name, "name == null");
    return r -> {
      Thread t = new Thread(r, name);
      t.setDaemon(true);
      return t;
    };
  }

  ScheduledExecutorService executor() {
    return executor;
  }

  /** Asks for a step soon; several kicks before it runs cause one step. */
  void kick() {
    if (kicked.compareAndSet(false, true) && !executor.isShutdown()) {
      executor.execute(this::run);
    }
  }

  private void run() {
    kicked.set(false);
    try {
      step.run();
    } catch (RuntimeException e) {
      log.warn("{} step failed: {}", name, e.toString());
      log.debug("{} step failure", name, e);
    }
  }

  @Override
  public void close() {
    executor.shutdown();
    try {
      if (!executor.awaitTermination(10, TimeUnit.SECONDS)) {
        executor.shutdownNow();
      }
    } catch (InterruptedException e) {
      executor.shutdownNow();
      Thread.currentThread().interrupt();
    }
  }
}
