package io.hubd.daemon.config;

import java.time.Duration;

/**
 * How the watchtower runs: it looks at the disputes of the hub's accounts every {@code interval}, and at once
 * after each block the mirror applies. Immutable.
 */
public record WatchConfig(Duration interval) {
  public WatchConfig {
    Durations.positive(interval, "watch.interval");
  }
}
