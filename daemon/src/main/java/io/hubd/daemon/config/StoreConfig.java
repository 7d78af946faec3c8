package io.hubd.daemon.config;

import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

/**
 * Where hubd keeps its state: the embedded SQLite file in {@code dataDir} (the default), or the PostgreSQL database at
 * {@code url} ({@code jdbc:postgresql://…}, no password in it) as {@code user}, with the password in the environment
 * variable {@code passwordEnv} names. Immutable.
 */
public record StoreConfig(Path dataDir, String url, String user, String passwordEnv) {
  public StoreConfig {
    Objects.requireNonNull(dataDir, "store.dataDir is required");
    url = url == null || url.isBlank() ? null : url.trim();
    user = user == null || user.isBlank() ? null : user.trim();
    passwordEnv = passwordEnv == null || passwordEnv.isBlank() ? "HUBD_STORE_PASSWORD" : passwordEnv.trim();
    if (url != null && !url.startsWith("jdbc:postgresql:")) {
      throw new IllegalArgumentException("store.url must be a jdbc:postgresql: URL (or unset for the SQLite file)");
    }
    if (url != null && url.toLowerCase(java.util.Locale.ROOT).contains("password=")) {
      throw new IllegalArgumentException("store.url must not carry the password; set the variable " + passwordEnv);
    }
  }

  /** The PostgreSQL URL, when the state lives in PostgreSQL. */
  public Optional<String> postgresUrl() {
    return Optional.ofNullable(url);
  }

  public Optional<String> postgresUser() {
    return Optional.ofNullable(user);
  }
}
