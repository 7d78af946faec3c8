package io.hubd.daemon.store;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * One writer per PostgreSQL database without HA: the store's connection takes a session-level advisory lock when
 * opened, as {@link DataDirLock} does for a data directory; a second daemon on the database is refused at start. The
 * lock goes with the connection (a dropped connection or a dead process releases it), so when the connection drops
 * {@code onLost} hears of it: the daemon ends, for its supervisor to start it again. Thread-safe.
 */
public final class AdvisoryLock implements Fencing {
  /** The advisory lock's key: "hubd" in ASCII. */
  static final long KEY = 0x68756264L;

  private final java.util.function.Consumer<String> onLost;
  private final java.util.concurrent.atomic.AtomicBoolean lost = new java.util.concurrent.atomic.AtomicBoolean();

  /** @param onLost hears once that the connection, and with it the lock, is gone */
  public AdvisoryLock(java.util.function.Consumer<String> onLost) {
    this.onLost = java.util.Objects.requireNonNull(onLost, "onLost == null");
  }

  @Override
  public void prepare(Connection connection) throws SQLException {
    try (Statement s = connection.createStatement();
        ResultSet rs = s.executeQuery("SELECT pg_try_advisory_lock(" + KEY + ")")) {
      if (!rs.next() || !rs.getBoolean(1)) {
        throw new StoreException("another hubd is writing this database; stop it first (or run both with"
            + " ha.enabled, one active and one standby)");
      }
    }
  }

  @Override
  public void refused(StoreFencedException cause) {
    if (lost.compareAndSet(false, true)) {
      onLost.accept("the database connection, and with it this writer's lock, is gone: " + cause.getMessage());
    }
  }
}
