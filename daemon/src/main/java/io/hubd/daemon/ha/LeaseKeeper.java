package io.hubd.daemon.ha;

import io.hubd.daemon.store.Fencing;
import io.hubd.daemon.store.StoreException;
import io.hubd.daemon.store.StoreFencedException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The active's hold on the lease of one epoch: renews it every {@code renewInterval} on a thread of its own, and
 * knows until when it surely holds it: a renewal sent at local monotonic time t (taken before the statement) makes the
 * lease good until t + lease by the database's clock too, so no standby can have taken it before then. A margin of one
 * renewal interval is kept for clock-rate differences.
 *
 * <p>As the store's {@link Fencing} it binds the store's connection to the epoch (every write is checked against the
 * lease row in its own transaction, see V20) and hears of refused writes and a dropped connection. The lease is lost
 * when a renewal finds another holder, when no renewal succeeded before the lease would run out, or when the database
 * refuses a write; {@code onLost} then hears why, once, and nothing is ever broadcast again
 * ({@link #checkBroadcast}). Closing stops the renewals and, unless lost, gives the lease up so that a standby takes
 * it at once. Thread-safe.
 */
public final class LeaseKeeper implements Fencing, AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(LeaseKeeper.class);

  private final LeaseTable table;
  private final long epoch;
  private final long leaseNanos;
  private final long marginNanos;
  private final LongSupplier nanos;
  private final Consumer<String> onLost;
  private final AtomicBoolean lost = new AtomicBoolean();
  private final ScheduledExecutorService renewer;
  private volatile long validUntil;
  private volatile long renewedAt;

  /**
   * @param acquiredAt the local monotonic time (nanos) taken before the statement that acquired the lease
   * @param onLost hears once why the lease is lost; called on whatever thread found out, so it must not block on
   *     the daemon's loops
   */
  public LeaseKeeper(LeaseTable table, long epoch, long acquiredAt, Duration lease, Duration renewInterval,
      LongSupplier nanos, Consumer<String> onLost) {
    this.table = Objects.requireNonNull(table, "table == null");
    this.epoch = epoch;
    this.leaseNanos = lease.toNanos();
    this.marginNanos = renewInterval.toNanos();
    this.nanos = Objects.requireNonNull(nanos, "nanos == null");
    this.onLost = Objects.requireNonNull(onLost, "onLost == null");
    this.validUntil = acquiredAt + leaseNanos;
    this.renewedAt = acquiredAt;
    this.renewer = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "hubd-ha-lease");
      t.setDaemon(true);
      return t;
    });
    long every = renewInterval.toMillis();
    renewer.scheduleWithFixedDelay(this::renewOnce, every, every, TimeUnit.MILLISECONDS);
  }

  public long epoch() {
    return epoch;
  }

  /** Whether this instance surely holds the lease now. */
  public boolean holds() {
    return !lost.get() && nanos.getAsLong() < validUntil - marginNanos;
  }

  /** Milliseconds since the last successful renewal (or the acquisition). */
  public long ageMillis() {
    return (nanos.getAsLong() - renewedAt) / 1_000_000;
  }

  /**
   * Whether this instance surely holds the lease now; when it does not (a pause outlived it, or renewals failed
   * until its sure end), the lease counts as lost from now on. Asked before every step of the daemon's loops.
   */
  public boolean holdsOrLose() {
    if (holds()) {
      return true;
    }
    lose("the lease was not renewed in time (a pause, or the database out of reach)");
    return false;
  }

  public boolean lost() {
    return lost.get();
  }

  /**
   * Throws {@link LeaseLostException} unless this instance surely holds the lease now; called right before anything
   * is broadcast. Past the lease's sure end without a renewal, the lease counts as lost.
   */
  public void checkBroadcast() {
    if (lost.get()) {
      throw new LeaseLostException("not broadcast: this instance lost the HA lease of epoch " + epoch);
    }
    if (!holdsOrLose()) {
      throw new LeaseLostException("not broadcast: the HA lease of epoch " + epoch + " may have run out");
    }
  }

  void renewOnce() {
    if (lost.get()) {
      return;
    }
    long sent = nanos.getAsLong();
    try {
      if (table.renew(epoch)) {
        validUntil = sent + leaseNanos;
        renewedAt = sent;
      } else {
        lose("another instance holds the lease now (" + holderNow() + ")");
      }
    } catch (StoreException e) {
      if (nanos.getAsLong() >= validUntil - marginNanos) {
        lose("the lease could not be renewed before it would run out: " + e.getMessage());
      } else {
        log.warn("renewing the HA lease failed, will retry: {}", e.getMessage());
      }
    } catch (RuntimeException e) {
      log.error("renewing the HA lease failed unexpectedly", e);
    }
  }

  private String holderNow() {
    try {
      return table.read().map(l -> l.holder() + " at epoch " + l.epoch()).orElse("nobody");
    } catch (StoreException e) {
      return "unknown: " + e.getMessage();
    }
  }

  /** Marks the lease lost (once) and tells {@code onLost} why. */
  void lose(String reason) {
    if (lost.compareAndSet(false, true)) {
      log.error("lost the HA lease of epoch {}: {}; stopping: no write is accepted and nothing is broadcast any more",
          epoch, reason);
      onLost.accept(reason);
    }
  }

  @Override
  public void prepare(Connection connection) throws SQLException {
    try (PreparedStatement s = connection.prepareStatement("SELECT set_config('hubd.ha_epoch', ?, false)")) {
      s.setString(1, Long.toString(epoch));
      s.execute();
    }
    try (Statement s = connection.createStatement()) {
      // a transaction left open by a paused process must not keep the lease row locked against a takeover
      s.execute("SET idle_in_transaction_session_timeout = " + Math.max(1000, leaseNanos / 2_000_000));
      s.execute("SET application_name = '" + table.me().applicationName("store") + "'");
    }
  }

  @Override
  public void refused(StoreFencedException cause) {
    lose(cause.getMessage());
  }

  @Override
  public void close() {
    renewer.shutdownNow();
    try {
      renewer.awaitTermination(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    if (lost.compareAndSet(false, true)) {
      try {
        table.release(epoch);
        log.info("gave up the HA lease of epoch {}", epoch);
      } catch (StoreException e) {
        log.warn("could not give up the HA lease (it runs out by itself): {}", e.getMessage());
      }
    }
    table.close();
  }
}
