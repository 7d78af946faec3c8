package io.hubd.daemon.api;

import java.util.Map;

/** Tells whether the daemon can serve: chain reachable, mirror caught up. Implemented by the composition root. */
@FunctionalInterface
public interface Readiness {

  Report check();

  /** {@code ready} plus details an operator reads on {@code /ready} (lag, checkpoint, reasons). */
  record Report(boolean ready, Map<String, Object> details) {
    public Report {
      details = Map.copyOf(details);
    }
  }
}
