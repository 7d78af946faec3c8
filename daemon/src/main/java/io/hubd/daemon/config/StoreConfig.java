package io.hubd.daemon.config;

import java.nio.file.Path;
import java.util.Objects;

/** Where hubd keeps its SQLite database. Immutable. */
public record StoreConfig(Path dataDir) {
  public StoreConfig {
    Objects.requireNonNull(dataDir, "store.dataDir is required");
  }
}
