package io.hubd.daemon.app;

import io.hubd.daemon.chain.Chain;
import io.hubd.daemon.config.HubdConfig;
import io.hubd.daemon.config.StoreConfig;
import io.hubd.daemon.ha.BroadcastFence;
import io.hubd.daemon.ha.FencedChain;
import io.hubd.daemon.ha.LeaseKeeper;
import io.hubd.daemon.store.AdvisoryLock;
import io.hubd.daemon.store.DataDirLock;
import io.hubd.daemon.store.Database;
import io.hubd.daemon.store.Fencing;
import io.hubd.daemon.store.Migrations;
import io.hubd.daemon.store.Store;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Map;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

/**
 * Which database the configuration names, how one writer is guaranteed on it, and, with HA, the standby's wait for
 * the lease before the store opens with its epoch: the composition root's store-opening part.
 */
final class StoreSetup {
  private StoreSetup() {}

  /** What the runtime builds on: the store, the chain that broadcasts (fenced with HA), the loops' guard. */
  record Opened(Store store, Chain submitChain, BooleanSupplier mayAct) {}

  /**
   * The runtime's parts the opening uses: readiness (phase, HA state), metrics, this instance's API address,
   * what to do when the lease is lost, where closeables go (closed in reverse order), whether the runtime closed,
   * and what a standby serves from the shared database (its schema current) while it waits for the lease.
   */
  record Hooks(DaemonReadiness readiness, MeterRegistry meters, String advertised, Consumer<String> onWriterLost,
      Consumer<AutoCloseable> closeLater, BooleanSupplier closed, Consumer<Database> standby) {}

  /**
   * Opens the configured store. {@code onWriterLost} hears when this instance can no longer write: the lease lost,
   * or (PostgreSQL without HA) the connection holding its lock dropped. With {@code ha.enabled}, first waits as a
   * standby until this instance holds the lease; empty when the runtime closed meanwhile.
   */
  static Optional<Opened> open(HubdConfig config, Map<String, String> environment, Chain chain, Hooks hooks) {
    Database database = database(config.store(), environment);
    Fencing fencing = singleWriter(database, config, hooks.closeLater(), hooks.onWriterLost());
    if (!config.ha().enabled()) {
      Store store = Store.open(database, fencing);
      hooks.closeLater().accept(store);
      return Optional.of(new Opened(store, chain, () -> true));
    }
    HaRole ha = new HaRole(config.ha(), (Database.Postgres) database, hooks.advertised(), hooks.meters());
    hooks.closeLater().accept(ha);
    hooks.readiness().ha(ha.state());
    hooks.readiness().phase("standby: waiting for the HA lease");
    Migrations.migrate(database); // warm: the schema is up to date before the lease is taken
    hooks.standby().accept(database);
    Optional<LeaseKeeper> keeper = ha.awaitLease(hooks.onWriterLost());
    if (keeper.isEmpty() || hooks.closed().getAsBoolean()) {
      return Optional.empty();
    }
    hooks.closeLater().accept(keeper.get());
    hooks.readiness().onStarted(ha::serving);
    Store store = Store.open(database, keeper.get());
    hooks.closeLater().accept(store);
    return Optional.of(new Opened(store, new FencedChain(chain, new BroadcastFence(store, keeper.get())),
        keeper.get()::holdsOrLose));
  }

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
   * advisory lock for PostgreSQL without HA ({@code onLost} hears when its connection drops); with HA none here,
   * the lease and its fence take that part.
   */
  static Fencing singleWriter(Database database, HubdConfig config, Consumer<AutoCloseable> closeLater,
      Consumer<String> onLost) {
    if (database instanceof Database.Sqlite) {
      closeLater.accept(DataDirLock.acquire(config.store().dataDir()));
      return Fencing.NONE;
    }
    return config.ha().enabled() ? Fencing.NONE : new AdvisoryLock(onLost);
  }
}
