package io.hubd.daemon.submit;

/** Thrown by a test {@link StageListener} to abort the pipeline as a crash at that stage would. */
final class SimulatedCrash extends Error {
  private static final long serialVersionUID = 1L;

  SimulatedCrash(Stage stage) {
    super("simulated crash at " + stage);
  }
}
