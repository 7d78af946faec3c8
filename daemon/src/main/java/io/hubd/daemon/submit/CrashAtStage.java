package io.hubd.daemon.submit;

import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A {@link StageListener} that kills the process (exit status 137, no shutdown hooks) the first time the pipeline
 * reaches one stage: for crash/restart tests of the real daemon. Thread-safe.
 */
public final class CrashAtStage implements StageListener {
  private static final Logger log = LoggerFactory.getLogger(CrashAtStage.class);

  /** Names the stage to crash at, e.g. {@code HUBD_TEST_CRASH_AT=BROADCAST}. */
  public static final String ENV = "HUBD_TEST_CRASH_AT";

  private final Stage stage;
  private final Runnable halt;

  CrashAtStage(Stage stage, Runnable halt) {
    this.stage = Objects.requireNonNull(stage, "stage == null");
    this.halt = Objects.requireNonNull(halt, "halt == null");
  }

  /** The crash listener when {@value #ENV} is set in {@code environment}, else {@link StageListener#NONE}. */
  public static StageListener fromEnvironment(Map<String, String> environment) {
    String value = environment.get(ENV);
    if (value == null || value.isBlank()) {
      return StageListener.NONE;
    }
    Stage stage = Stage.valueOf(value.trim().toUpperCase(Locale.ROOT));
    log.warn("{}={}: the daemon will halt when a transaction reaches that stage", ENV, stage);
    return new CrashAtStage(stage, () -> Runtime.getRuntime().halt(137));
  }

  @Override
  public void reached(Stage reached, long intentId) {
    if (reached == stage) {
      log.error("halting at stage {} of intent {} ({})", reached, intentId, ENV);
      halt.run();
    }
  }
}
