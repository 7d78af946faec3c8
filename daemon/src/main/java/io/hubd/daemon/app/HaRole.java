package io.hubd.daemon.app;

import io.hubd.daemon.config.HaConfig;
import io.hubd.daemon.ha.HaState;
import io.hubd.daemon.ha.Identity;
import io.hubd.daemon.ha.LeaseKeeper;
import io.hubd.daemon.ha.LeaseTable;
import io.hubd.daemon.ha.Standby;
import io.hubd.daemon.store.Database;
import io.micrometer.core.instrument.MeterRegistry;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The HA part of the composition root: this instance's identity and lease table, its wait as a standby, the keeper
 * of the lease once it holds it, and the record of its takeover once it serves. Not thread-safe but {@link #close},
 * which may come from the shutdown hook while the standby waits.
 */
final class HaRole implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(HaRole.class);

  private final HaConfig config;
  private final LeaseTable table;
  private final HaState state;
  private final Standby standby;
  private LeaseKeeper keeper;

  HaRole(HaConfig config, Database.Postgres database, String defaultAddress, MeterRegistry meters) {
    this.config = config;
    Identity me = new Identity(config.instance().orElseGet(HaRole::defaultInstanceId),
        config.advertise().orElse(defaultAddress));
    // one statement may wait for the lease row (a fenced write in progress) up to one renewal interval
    this.table = new LeaseTable(database, me, config.lease(), config.renewInterval());
    this.state = new HaState(me, meters, System::nanoTime);
    this.standby = new Standby(table, state, config.renewInterval(), System::nanoTime);
  }

  HaState state() {
    return state;
  }

  /**
   * Waits as a standby until this instance holds the lease; returns its keeper (renewing from now on), or empty when
   * closed first. {@code onLost} hears once why the lease was lost.
   */
  Optional<LeaseKeeper> awaitLease(Consumer<String> onLost) {
    log.info("HA: instance {} (API at {}) waits for the lease", state.me().id(), state.me().address());
    Optional<Standby.Acquired> acquired;
    try {
      acquired = standby.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return Optional.empty();
    }
    if (acquired.isEmpty()) {
      return Optional.empty();
    }
    keeper = new LeaseKeeper(table, acquired.get().epoch(), acquired.get().at(), config.lease(),
        config.renewInterval(), System::nanoTime, reason -> {
          state.steppedDown(reason);
          onLost.accept(reason);
        });
    state.active(keeper);
    return Optional.of(keeper);
  }

  /** The active has settled the journal and serves: records it, and the takeover's duration when there was one. */
  void serving() {
    OptionalLong outage = table.serving(keeper.epoch());
    if (outage.isPresent()) {
      state.tookOver(Duration.ofMillis(outage.getAsLong()));
      log.info("HA: serving as the active at epoch {}, {} ms after the previous holder was last seen",
          keeper.epoch(), outage.getAsLong());
    } else {
      log.info("HA: serving as the active at epoch {}", keeper.epoch());
    }
  }

  @Override
  public void close() {
    standby.stop();
    if (keeper == null) {
      table.close();
    }
  }

  private static String defaultInstanceId() {
    String host;
    try {
      host = InetAddress.getLocalHost().getHostName();
    } catch (UnknownHostException e) {
      host = "host";
    }
    return host.replaceAll("[^A-Za-z0-9._-]", "-") + "-" + ProcessHandle.current().pid();
  }
}
