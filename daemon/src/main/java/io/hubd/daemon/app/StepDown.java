package io.hubd.daemon.app;

import java.time.Duration;
import java.util.Objects;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What an HA active does once it lost the lease (or a daemon without HA its PostgreSQL connection): nothing is written
 * or broadcast any more (the database and the broadcast fence refuse); the loops stop and the process ends with
 * {@code status} for its supervisor to start it again (with HA, as a standby). Runs on a thread of its own: the caller may be a loop that closing waits for.
 */
final class StepDown implements Consumer<String> {
  private static final Logger log = LoggerFactory.getLogger(StepDown.class);
  /** How long closing may take before the process ends anyway. */
  private static final Duration PATIENCE = Duration.ofSeconds(10);

  private final Runnable close;
  private final int status;

  StepDown(Runnable close, int status) {
    this.close = Objects.requireNonNull(close, "close == null");
    this.status = status;
  }

  @Override
  public void accept(String reason) {
    Thread stepDown = new Thread(() -> {
      log.error("hubd steps down: {}. Loops stopped, nothing more is written or broadcast; exiting with status {}"
          + " for the supervisor to start it again (with HA it comes back as a standby)", reason, status);
      Thread closing = new Thread(close, "hubd-step-down-close");
      closing.setDaemon(true);
      closing.start();
      try {
        closing.join(PATIENCE.toMillis());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      Runtime.getRuntime().halt(status);
    }, "hubd-step-down");
    stepDown.start();
  }
}
