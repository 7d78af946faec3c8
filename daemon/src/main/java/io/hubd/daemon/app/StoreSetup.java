package io.hubd.daemon.app;

import io.hubd.daemon.config.HubdConfig;
import io.hubd.daemon.config.StoreConfig;
import io.hubd.daemon.store.AdvisoryLock;
import io.hubd.daemon.store.DataDirLock;
import io.hubd.daemon.store.Database;
import io.hubd.daemon.store.Fencing;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/** Which database the configuration names, and how one writer is guaranteed on it. */
final class StoreSetup {
  private StoreSetup() {}

  /** The SQLite file in {@code store.dataDir}, or the PostgreSQL database at {@code store.url}. */
  static Database database(StoreConfig store, Map<String, String> environment) {
    if (store.postgresUrl().isEmpty()) {
      return Database.sqlite(store.dataDir());
    }
    Optional<String> password = Optional.ofNullable(environment.get(store.passwordEnv())).filter(p -> !p.isEmpty());
    return Database.postgres(store.postgresUrl().get(), store.postgresUser(), password);
  }

  /**
   * One writer: the data directory's OS lock for SQLite (handed to {@code closeLater}, released last); a session
   * advisory lock for PostgreSQL without HA; with HA none here, the lease and its fence take that part.
   */
  static Fencing singleWriter(Database database, HubdConfig config, Consumer<AutoCloseable> closeLater) {
    if (database instanceof Database.Sqlite) {
      closeLater.accept(DataDirLock.acquire(config.store().dataDir()));
      return Fencing.NONE;
    }
    return config.ha().enabled() ? Fencing.NONE : new AdvisoryLock();
  }
}
