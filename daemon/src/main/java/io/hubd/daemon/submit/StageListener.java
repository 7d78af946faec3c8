package io.hubd.daemon.submit;

/**
 * Called synchronously each time a {@link Stage} has been committed to the journal, outside any database
 * transaction. For crash testing: a listener that stops the process (or throws an {@link Error}) there leaves the
 * journal exactly as a crash at that point would.
 */
@FunctionalInterface
public interface StageListener {

  StageListener NONE = (stage, intentId) -> {};

  void reached(Stage stage, long intentId);
}
