package io.hubd.daemon.submit;

import java.util.OptionalLong;
import java.util.function.LongConsumer;

/**
 * A {@link StageListener} that throws {@link SimulatedCrash} the {@code nth} time the pipeline reaches a stage, after
 * running {@code lastWords} (for what a crash would leave half-done, e.g. a broadcast never recorded). Later
 * stages pass. Not thread-safe.
 */
final class CrashOnce implements StageListener {
  private final Stage stage;
  private final LongConsumer lastWords;
  private int toSkip;
  private OptionalLong crashedIntent = OptionalLong.empty();

  CrashOnce(Stage stage, int nth, LongConsumer lastWords) {
    if (nth < 1) {
      throw new IllegalArgumentException("nth < 1: " + nth);
    }
    this.stage = stage;
    this.toSkip = nth - 1;
    this.lastWords = lastWords;
  }

  static CrashOnce at(Stage stage) {
    return new CrashOnce(stage, 1, id -> {});
  }

  @Override
  public void reached(Stage reached, long intentId) {
    if (reached != stage || crashedIntent.isPresent()) {
      return;
    }
    if (toSkip-- > 0) {
      return;
    }
    crashedIntent = OptionalLong.of(intentId);
    lastWords.accept(intentId);
    throw new SimulatedCrash(reached);
  }

  /** The intent whose stage crashed the pipeline. */
  long crashedIntent() {
    return crashedIntent.orElseThrow(() -> new IllegalStateException("never reached " + stage));
  }
}
