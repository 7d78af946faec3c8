package io.hubd.daemon.app;

import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs one step function on its own named thread, every {@code interval} and as soon as possible after
 * {@link #kick()} (kicks coalesce), reporting each outcome to {@link LoopHealth}. A step that throws an exception is
 * logged with its stack the first time (repeats of the same failure only at DEBUG, so a node outage is one line, not
 * one per tick) and the loop goes on; an {@link Error} is logged and handed to {@code fatal}, which ends the process
 * rather than leave a loop silently dead. Closing stops the thread.
 */
final class Loop implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(Loop.class);

  private final String name;
  private final Runnable step;
  private final LoopHealth health;
  private final Consumer<Error> fatal;
  private final ScheduledExecutorService executor;
  private final AtomicBoolean kicked = new AtomicBoolean();
  private String lastFailure = "";

  Loop(String name, Duration interval, Runnable step, LoopHealth health, Consumer<Error> fatal) {
    this.name = Objects.requireNonNull(name, "name == null");
    this.step = Objects.requireNonNull(step, "step == null");
    this.health = Objects.requireNonNull(health, "health == null");
    this.fatal = Objects.requireNonNull(fatal, "fatal == null");
    health.watch(name, stallBound(interval));
    this.executor = Executors.newSingleThreadScheduledExecutor(daemonThreads(name));
    executor.scheduleWithFixedDelay(this::run, interval.toMillis(), interval.toMillis(), TimeUnit.MILLISECONDS);
  }

  /** A loop is stalled when it has not stepped successfully for five intervals, and at least 15 s. */
  static Duration stallBound(Duration interval) {
    Duration five = interval.multipliedBy(5);
    return five.compareTo(Duration.ofSeconds(15)) > 0 ? five : Duration.ofSeconds(15);
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
      health.succeeded(name);
      if (!lastFailure.isEmpty()) {
        log.info("{} steps succeed again", name);
        lastFailure = "";
      }
    } catch (RuntimeException e) {
      int inARow = health.failed(name, e);
      if (!e.toString().equals(lastFailure)) {
        log.warn("{} step failed ({} in a row)", name, inARow, e);
        lastFailure = e.toString();
      } else {
        log.debug("{} step failed again ({} in a row): {}", name, inARow, e.toString());
      }
    } catch (Error e) {
      health.failed(name, e);
      log.error("{} hit a fatal error; stopping the process so that its supervisor starts it afresh", name, e);
      fatal.accept(e);
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
